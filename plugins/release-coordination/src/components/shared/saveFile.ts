/**
 * Makes the browser save `blob` as a file named `fileName`, through a
 * temporary link.
 */
export function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // revoked once the browser has started saving it
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
