import { ResponseError } from '@backstage/errors';

/** The value of a call, undefined when it answers 404 (backends without it). */
export async function unlessNotFound<T>(
  call: Promise<T>,
): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ResponseError && error.statusCode === 404) {
      return undefined;
    }
    throw error;
  }
}
