import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { z } from 'zod';

/**
 * A ref as a request gives it (trimmed, 1 to 300 characters), turned by
 * `toRef` into an entity ref, then into its full form in lower case; `toRef`
 * answers the message of the issue instead when the value is not a ref it
 * accepts. Package-internal: the base of `entityRefSchema` and
 * `scopeRefSchema`.
 */
export const refSchema = (
  toRef: (value: string) => CompoundEntityRef | string,
) =>
  z
    .string()
    .trim()
    .min(1)
    .max(300)
    .transform((value, ctx) => {
      const ref = toRef(value);
      if (typeof ref === 'string') {
        ctx.addIssue({ code: 'custom', message: ref });
        return z.NEVER;
      }
      return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    });
