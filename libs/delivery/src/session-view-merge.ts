import { LIVE_SESSION_STATUSES, LiveSessionView } from '@balai/contracts';

/**
 * The newest view of a session from two that crossed on their way (a participant count read just
 * before the session ended may arrive after the end): a session's status only moves forward
 * (scheduled → live → ended), so the later status wins whichever view brought it, and a view
 * without a participant count keeps the last one known.
 */
export function mergeSessionViews(current: LiveSessionView | undefined, incoming: LiveSessionView): LiveSessionView {
  if (!current) return incoming;
  const merged: LiveSessionView = { ...incoming };
  if (rank(incoming) < rank(current)) {
    merged.status = current.status;
    merged.startedAt = current.startedAt;
    merged.endedAt = current.endedAt;
  }
  if (incoming.participants === undefined && current.participants !== undefined) merged.participants = current.participants;
  return merged;
}

function rank(view: LiveSessionView): number {
  return LIVE_SESSION_STATUSES.indexOf(view.status);
}
