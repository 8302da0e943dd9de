// applyConstraints(): the engine's outcome against the oracle's, as a cell's verdict. Pure but for runApplyCase.

import { judgeApplyConstraints, type ApplyJudgement, type Kind, type Settings } from '../oracle';
import type { ApplyOutcome, ProbePage, TrackInfo } from '../probe-page';
import { primitives, type EngineModel } from './engine-model';
import { scoreKind, type KindResult } from './gum-verdict';
import { briefSettings, errorText, fmt, GAP_TOLERANCE, mentionedNames, specErrorText } from './tolerances';

export interface ApplyVerdict {
  agree: boolean;
  problems: string[];
  observed: { summary: string; [k: string]: unknown };
  judgement?: ApplyJudgement;
  outcome: ApplyOutcome;
  /** Settings members whose value changed across a rejected applyConstraints(). */
  changed: string[];
  kind?: KindResult;
}

function changedMembers(before: Settings, after: Settings): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]).sort();
}

/**
 * getUserMedia(gumConstraints), then applyConstraints(apply) on its `kind` track, judged by the oracle on the
 * track's device. A rejection must name an acceptable constraint and leave every setting as it was.
 */
export async function runApplyCase(
  page: ProbePage,
  model: EngineModel,
  gumConstraints: unknown,
  kind: Kind,
  apply: unknown,
): Promise<ApplyVerdict> {
  const r = await page.applyConstraints(gumConstraints, kind, apply, { video: kind === 'video' });
  return judgeApplyCase(model, kind, apply, r);
}

export function judgeApplyCase(model: EngineModel, kind: Kind, apply: unknown, r: ApplyOutcome): ApplyVerdict {
  const base = {
    apply,
    engine: { outcome: r.outcome, error: r.error },
    before: r.before?.settings,
    after: r.after?.settings,
    constraintsAfter: r.constraintsAfter,
    videoElement: r.video,
    notes: model.notes,
  };
  if (!r.before || !r.after) {
    return {
      agree: false,
      problems: [`no ${kind} track to apply constraints to (${r.summary})`],
      observed: { ...base, summary: r.summary },
      outcome: r,
      changed: [],
    };
  }
  const before = primitives(r.before.settings) as Settings;
  const after = primitives(r.after.settings) as Settings;
  const device = model.devices.find((d) => d.deviceId === before['deviceId']);
  if (!device) {
    return {
      agree: false,
      problems: ["the track's deviceId is not among the enumerated devices"],
      observed: { ...base, summary: `track on an unlisted device; ${r.summary}` },
      outcome: r,
      changed: [],
    };
  }
  const main = judgeApplyConstraints(device, apply, { supported: model.supported, current: before });
  const candidates = [main, ...(main.mayInstead ?? []).map((m) => m.judgement)];
  const changed = changedMembers(before, after);
  const mention = mentionedNames({ [kind]: apply }, kind);
  const tryOne = (j: ApplyJudgement): { problems: string[]; summary: string; kind?: KindResult } => {
    const problems: string[] = [];
    if (j.outcome === 'reject') {
      const spec = `spec: ${specErrorText(j.error, j.constraints)}, settings kept`;
      if (r.outcome !== 'rejected') {
        problems.push(`${r.outcome} where the spec requires ${specErrorText(j.error, j.constraints)}`);
        return { problems, summary: `applyConstraints ${r.outcome}: ${briefSettings(kind, after, mention, model)}; ${spec}` };
      }
      if (r.error?.name !== j.error)
        problems.push(`rejected ${errorText(r.error)} where the spec requires ${specErrorText(j.error, j.constraints)}`);
      else if (j.constraints && !j.constraints.includes(r.error?.constraint ?? (undefined as unknown as string))) {
        problems.push(
          `OverconstrainedError.constraint is ${JSON.stringify(r.error?.constraint ?? null)}, the spec allows ${j.constraints.map((c) => JSON.stringify(c)).join(' or ')}`,
        );
      }
      if (changed.length)
        problems.push(
          `settings changed although the call failed: ${changed.map((k) => `${k} ${String(before[k])} -> ${String(after[k])}`).join(', ')}`,
        );
      return {
        problems,
        summary: `applyConstraints rejected ${errorText(r.error)}, settings ${changed.length ? `changed (${changed.join(', ')})` : 'unchanged'}; ${spec}`,
      };
    }
    if (r.outcome !== 'resolved') {
      problems.push(`applyConstraints ${r.outcome === 'rejected' ? `rejected ${errorText(r.error)}` : r.outcome} where the spec resolves`);
      const best = j.bestSettings[0] ? ` (${briefSettings(kind, j.bestSettings[0], mention, model)})` : '';
      return {
        problems,
        summary: `applyConstraints ${r.outcome === 'rejected' ? `rejected ${errorText(r.error)}` : r.outcome}; spec resolves: best ${fmt(j.best)}${best}`,
      };
    }
    const k = scoreKind(kind, j, r.after as TrackInfo, { [kind]: apply }, r.video);
    if (!(k.gap <= GAP_TOLERANCE))
      problems.push(
        `settings after at distance ${fmt(k.distance)}, the spec's best is ${fmt(k.best)}${k.requiredViolated.length ? ` (breaks required ${k.requiredViolated.join(', ')})` : ''}`,
      );
    if (k.element && 'error' in k.element) problems.push(`video element: ${k.element.error}`);
    else if (k.element && !(k.element.gap <= GAP_TOLERANCE))
      problems.push(`video element ${k.element.videoWidth}x${k.element.videoHeight} at distance ${fmt(k.element.distance)}`);
    const best = k.bestSettings[0] ? ` (${briefSettings(kind, k.bestSettings[0], mention, model)})` : '';
    let summary = `applyConstraints: chose ${briefSettings(kind, after, mention, model)} (distance ${fmt(k.distance)}), spec best ${fmt(k.best)}${best}; gap ${fmt(k.gap)}`;
    if (k.element && 'error' in k.element) summary += `; video element: ${k.element.error}`;
    else if (k.element && (k.element.videoWidth !== after['width'] || k.element.videoHeight !== after['height'])) {
      summary += `; video element ${k.element.videoWidth}x${k.element.videoHeight} (distance ${fmt(k.element.distance)})`;
    }
    return { problems, summary, kind: k };
  };
  const tried = candidates.map((j) => ({ j, ...tryOne(j) }));
  const chosen = tried.find((t) => t.problems.length === 0) ?? (tried[0] as (typeof tried)[number]);
  const j = chosen.j;
  const oracle =
    j.outcome === 'reject'
      ? { outcome: 'reject', error: j.error, constraints: j.constraints, reason: j.reason }
      : { outcome: 'resolve', best: j.best, bestSettings: j.bestSettings };
  return {
    agree: chosen.problems.length === 0,
    problems: chosen.problems,
    observed: { ...base, summary: chosen.summary, device: device.label, oracle, changed, ...(chosen.kind ? { kind: chosen.kind } : {}) },
    judgement: j,
    outcome: r,
    changed,
    ...(chosen.kind ? { kind: chosen.kind } : {}),
  };
}
