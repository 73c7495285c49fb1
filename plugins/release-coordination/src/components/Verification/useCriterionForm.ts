import { useState } from 'react';
import {
  fieldError,
  FormValidation,
  useSubmission,
} from '../shared/FormDialog';
import { serverErrors } from './criterionForm';

/**
 * The state of a verification dialog's form: its values, the messages by
 * field (its own validation's, then those a 400 of the route names among
 * `fields`) and the submission. `restart` starts afresh from a form, `save`
 * validates it and sends the body when valid, `bind` gives the props of a
 * text input (id `<idPrefix>-<key>`), and `dialogProps` those of the
 * `FormDialog` (the submission and any other failure).
 */
export function useCriterionForm<F, B>(options: {
  initial: () => F;
  idPrefix: string;
  fields: readonly string[];
  validate: (form: F) => FormValidation<B>;
}) {
  const { idPrefix, fields, validate } = options;
  const [form, setForm] = useState<F>(options.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const submission = useSubmission();

  const restart = (next: F) => {
    setForm(next);
    setErrors({});
    setMessage(undefined);
    submission.reset();
  };
  const save = (send: (body: B) => Promise<void>) => {
    const { body, errors: invalid } = validate(form);
    setErrors(invalid);
    setMessage(undefined);
    if (!body) return;
    submission.run(async () => {
      try {
        await send(body);
      } catch (error) {
        const split = serverErrors(error, fields);
        setErrors(split.errors);
        setMessage(split.message);
      }
    });
  };
  const bind = (key: keyof F & string, errorKey: string = key) => ({
    id: `${idPrefix}-${key}`,
    value: String(form[key]),
    onChange: (e: { target: { value: unknown } }) =>
      setForm(previous => ({ ...previous, [key]: String(e.target.value) })),
    fullWidth: true,
    ...fieldError(errors, errorKey),
  });
  return {
    form,
    setForm,
    errors,
    restart,
    save,
    bind,
    dialogProps: { submission, error: message },
  };
}
