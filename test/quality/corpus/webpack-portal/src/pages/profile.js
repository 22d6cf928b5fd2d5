import mixpanel from '@telemetry';
import { rollbar } from 'Shared/rollbar';
import { formatName } from 'Shared/format';

export function profileSaved(member, phone) {
  // expect: mt/personal-data-to-third-party phone [mixpanel] the phone as a people property through the webpack alias
  mixpanel.people.set({ $phone: phone });
  // quiet [mixpanel] a count through the same alias
  mixpanel.track('Profile Saved', { fields: 3 });
  return formatName(member);
}

export function profileFailed(member, err) {
  // expect: mt/personal-data-to-third-party email [rollbar] the member's email inside the Error sent to Rollbar through the Shared alias
  rollbar.error(new Error(`profile save failed for ${member.email}`));
  // quiet [rollbar] the caught error with the member id
  rollbar.error('profile save failed', err, { memberId: member.id });
}
