/**
 * Splits a server's 400 message (`field: message; other.field: message`) by
 * the top-level field each clause names, so each shows next to its field;
 * clauses naming none of `fields` are left under `''`.
 */
export function fieldErrors(
  message: string,
  fields: readonly string[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const clause of message.split('; ')) {
    const field = fields.find(
      f => clause.startsWith(`${f}:`) || clause.startsWith(`${f}.`),
    );
    const key = field ?? '';
    errors[key] = errors[key] ? `${errors[key]}; ${clause}` : clause;
  }
  return errors;
}
