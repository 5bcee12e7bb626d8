import { Matches } from 'class-validator';
import { FORMER_PARTICIPANT_NAME } from '@balai/contracts';

/** Nobody takes the name a deleted account's contributions show (`DELETE /me`), in any letter case. */
export const NotFormerParticipant = () =>
  Matches(new RegExp(`^(?!${FORMER_PARTICIPANT_NAME}$)`, 'i'), { message: `displayName must not be "${FORMER_PARTICIPANT_NAME}"` });
