import { emptyReleaseForm, validateReleaseForm } from './releaseForm';

function formWithLink(link: string) {
  return {
    ...emptyReleaseForm(['component:default/payments-api']),
    title: 'Payments 2.1',
    version: '2.1.0',
    changes: [{ kind: 'fix' as const, title: 'Fix', link }],
  };
}

describe('validateReleaseForm', () => {
  it('names a change link that is not http(s)', () => {
    // eslint-disable-next-line no-script-url -- hostile input under test
    const { body, errors } = validateReleaseForm(formWithLink('javascript:x'));
    expect(body).toBeUndefined();
    expect(errors).toEqual({ 'changes.0.link': 'must be an http(s) URL' });
  });

  it('accepts the configured link schemes', () => {
    const form = formWithLink('mailto:payments@example.com');
    expect(validateReleaseForm(form).errors).toEqual({
      'changes.0.link': 'must be an http(s) URL',
    });
    const { body } = validateReleaseForm(form, ['https', 'mailto']);
    expect(body?.changes).toEqual([
      { kind: 'fix', title: 'Fix', link: 'mailto:payments@example.com' },
    ]);
  });
});
