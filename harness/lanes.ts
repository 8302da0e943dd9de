// Each engine (unless GUM_WAIT_LANE=0) runs its checks in two lanes, each a Playwright project with a worker and a
// browser of its own: the main lane, and a lane for the checks that spend most of their time in a bounded wait (a
// request left pending for its bound, an indicator watched, a track sampled). A wait in the main lane leaves that
// engine idle; in its own lane it runs beside the engine's other checks. The wait itself is unchanged: a pending
// request is still judged pending after the same bound.
import { ENGINE_IDS, type EngineId } from './types';

/** The Playwright tag a waiting check carries; the waiting lane runs exactly the checks that carry it. */
export const WAITS_TAG = '@waits';
const WAITS_LANE_SUFFIX = '-waits';

export type Lane = 'main' | 'waits';

export function laneProject(engine: EngineId, lane: Lane): string {
  return lane === 'main' ? engine : `${engine}${WAITS_LANE_SUFFIX}`;
}

/** The engine a project runs (either lane), or undefined for a project that is not an engine's (`unit`). */
export function engineOfProject(name: string): EngineId | undefined {
  const base = name.endsWith(WAITS_LANE_SUFFIX) ? name.slice(0, -WAITS_LANE_SUFFIX.length) : name;
  return (ENGINE_IDS as readonly string[]).includes(base) ? (base as EngineId) : undefined;
}

/** A --project pattern that selects both of an engine's lanes, whether or not the waiting lane is on. */
export function engineProjectPattern(engine: EngineId): string {
  return `${engine}*`;
}
