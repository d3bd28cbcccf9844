import { checkboxField, choiceGroup, errorSummary, textField } from './page-components';

describe('page components', () => {
  it('put a field’s error next to it, linked and marked invalid, and keep what was typed', () => {
    const field = textField({ name: 'email', type: 'email', label: 'E-post', hint: 'navn@kommune.no', value: 'anna@<x>', error: 'Ugyldig adresse' });
    expect(field).toContain('<label for="email">E-post</label>');
    expect(field).toContain('<p id="email-hint" class="hint">navn@kommune.no</p><p id="email-error" class="field-error">Ugyldig adresse</p>');
    expect(field).toContain('value="anna@&lt;x&gt;"');
    expect(field).toContain('aria-describedby="email-hint email-error" aria-invalid="true"');
  });

  it('leave a valid field unmarked', () => {
    const field = textField({ name: 'name', label: 'Navn' });
    expect(field).not.toContain('aria-invalid');
    expect(field).not.toContain('aria-describedby');
  });

  it('group choices in a fieldset whose legend is the question, keeping the ticks', () => {
    const group = choiceGroup({ name: 'q-diet', label: 'Diet', type: 'radio', error: 'Choose one', options: [{ value: 'vegan', label: 'Vegan', checked: true }, { value: 'none', label: 'None' }] });
    expect(group).toMatch(/^<fieldset class="field" id="q-diet" aria-describedby="q-diet-error"><legend>Diet<\/legend>/);
    expect(group).toContain('<input id="q-diet-1" type="radio" name="q-diet" value="vegan" checked aria-invalid="true"><label for="q-diet-1">Vegan</label>');
    expect(checkboxField({ name: 'consent', label: 'I agree', checked: false })).not.toContain('checked');
  });

  it('sum up the errors with links to their fields, and nothing when there are none', () => {
    expect(errorSummary('Errors', { email: 'Bad address', name: undefined })).toContain('<li><a href="#email">Bad address</a></li>');
    expect(errorSummary('Errors', {})).toBe('');
  });
});
