import { programmeSettingsSchema } from '@hub/contracts';
import { plannerFieldErrors, plannerRequest, plannerValues, readPlannerForm } from './planner-form';

describe('the console’s planner settings form', () => {
  const form = {
    meetingCount: '3',
    meetingMonths: ['2', '6', '11'],
    meetingWeekday: 'wednesday',
    meetingStartTime: '10:00',
    meetingDuration: '300',
    gathering: 'true',
    gatheringWeekday: 'thursday',
    gatheringStartTime: '09:30',
    gatheringDuration: '420',
    schoolBreaks: '2027-02-22 2027-02-26 Vinterferie\r\n\r\n2027-10-04 2027-10-08 Høstferie Innlandet\n',
    blockedDates: '2027-05-12, 2027-09-01\n2027-11-30',
  };

  it('reads breaks by line and blocked dates by any separator, and gives the settings back as the form showed them', () => {
    const { body, problems } = plannerRequest(readPlannerForm(form));
    expect(problems).toEqual([]);
    const settings = programmeSettingsSchema.parse(body);
    expect(settings).toEqual({
      meetings: { count: 3, months: [2, 6, 11], weekday: 'wednesday', startTime: '10:00', durationMinutes: 300 },
      gathering: { weekday: 'thursday', startTime: '09:30', durationMinutes: 420 },
      schoolBreaks: [
        { from: '2027-02-22', to: '2027-02-26', name: 'Vinterferie' },
        { from: '2027-10-04', to: '2027-10-08', name: 'Høstferie Innlandet' },
      ],
      blockedDates: ['2027-05-12', '2027-09-01', '2027-11-30'],
    });
    expect(programmeSettingsSchema.parse(plannerRequest(plannerValues(settings)).body)).toEqual(settings);
  });

  it('leaves the gathering out when unticked, and names the field of each problem', () => {
    const typed = { ...form, gathering: undefined, meetingStartTime: '25:00', meetingDuration: 'long', schoolBreaks: 'Vinterferie i februari', blockedDates: '12.5.2027' };
    const { body, problems } = plannerRequest(readPlannerForm(typed));
    expect(body.gathering).toBeNull();
    const parsed = programmeSettingsSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(plannerFieldErrors(problems, parsed.success ? [] : parsed.error.issues, (field) => field)).toEqual({
      schoolBreaks: 'schoolBreaks',
      meetingStartTime: 'meetingStartTime',
      meetingDuration: 'meetingDuration',
      blockedDates: 'blockedDates',
    });
  });
});
