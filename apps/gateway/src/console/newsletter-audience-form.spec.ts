import { AUDIENCE_FILTER_MARKER, audienceFilterFormValues, parseAudienceFilterForm, readAudienceFilterForm } from './newsletter-audience-form';

describe('the console’s newsletter audience filter form', () => {
  it('reads nothing from a form without the filter’s fields, so the newsletter keeps its filter', () => {
    expect(readAudienceFilterForm({ _csrf: 'x' })).toBeUndefined();
  });

  it('turns checked boxes and one-a-line roles and key=value attributes into the API’s filter', () => {
    const values = readAudienceFilterForm({
      [AUDIENCE_FILTER_MARKER]: '1',
      organisationIds: ['org-lund', 'org-umea', 'org-lund'],
      roles: 'Climate adviser\r\n\r\n  energy adviser \nClimate adviser',
      languages: 'sv',
      attributes: 'region=innlandet\nregion = viken\nsize=small\nregion=innlandet',
    })!;
    expect(parseAudienceFilterForm(values)).toEqual({
      filter: {
        organisationIds: ['org-lund', 'org-umea'],
        roles: ['Climate adviser', 'energy adviser'],
        languages: ['sv'],
        attributes: { region: ['innlandet', 'viken'], size: ['small'] },
      },
    });
  });

  it('means "everyone on the lists" (null) when every field is empty', () => {
    expect(parseAudienceFilterForm({ organisationIds: [], roles: ' \n', languages: [], attributes: '' })).toEqual({ filter: null });
  });

  it('refuses, rather than drops, an attribute line without a key and value, and names each bad field', () => {
    expect(parseAudienceFilterForm({ organisationIds: [], roles: '', languages: [], attributes: 'region innlandet' })).toEqual({ invalid: ['attributes'] });
    expect(parseAudienceFilterForm({ organisationIds: [], roles: '', languages: [], attributes: 'Region=innlandet' })).toEqual({ invalid: ['attributes'] });
    expect(parseAudienceFilterForm({ organisationIds: [], roles: '', languages: [], attributes: 'region=' })).toEqual({ invalid: ['attributes'] });
    expect(parseAudienceFilterForm({ organisationIds: ['no such/id'], roles: 'x'.repeat(201), languages: ['de'], attributes: '' })).toEqual({
      invalid: ['organisationIds', 'roles', 'languages'],
    });
  });

  it('shows a stored filter the way it is typed, and reads it back unchanged', () => {
    const filter = { organisationIds: ['org-lund'], roles: ['Climate adviser'], attributes: { region: ['innlandet', 'viken'] } };
    const values = audienceFilterFormValues(filter);
    expect(values).toEqual({ organisationIds: ['org-lund'], roles: 'Climate adviser', languages: [], attributes: 'region=innlandet\nregion=viken' });
    expect(parseAudienceFilterForm(values)).toEqual({ filter });
    expect(audienceFilterFormValues(null)).toEqual({ organisationIds: [], roles: '', languages: [], attributes: '' });
  });
});
