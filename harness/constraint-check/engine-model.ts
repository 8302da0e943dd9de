// The devices an engine really reports, read from the page as the oracle's DeviceDescriptions (see index.ts).

import { APPLICABLE_NAMES, type DeviceDescription, type DeviceKind, type Kind, type Settings, type SettingValue } from '../oracle';
import type { DeviceInfo, GumOutcome, ProbePage, SupportedConstraintsOutcome, TrackInfo } from '../probe-page';

export interface ModelDevice extends DeviceDescription {
  label: string;
  /** Where `capabilities` came from. */
  capsSource: 'track' | 'device-info' | 'none';
  /** InputDeviceInfo.getCapabilities() as enumerateDevices() gave it (null when the engine has no such method). */
  deviceInfoCaps: Record<string, unknown> | null;
}

export interface EngineModel {
  devices: ModelDevice[];
  /** Names getSupportedConstraints() lists as true. */
  supported: string[];
  supportedOutcome: SupportedConstraintsOutcome;
  /** The granted getUserMedia({audio:true, video:true}) that exposed the device ids. */
  grant: GumOutcome;
  /** Modelling assumptions the verdicts rest on, in words. */
  notes: string[];
}

interface CachedTrack {
  capabilities: Record<string, unknown>;
  settings: Record<string, unknown>;
}
/** Per engine: track capabilities and settings of an unconstrained track, by device kind + label. */
export type CapsCache = Map<string, CachedTrack>;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const primitives = (o: Record<string, unknown> | undefined): Record<string, SettingValue> =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))) as Record<
    string,
    SettingValue
  >;

const kindOf = (deviceKind: string): Kind | undefined =>
  deviceKind === 'videoinput' ? 'video' : deviceKind === 'audioinput' ? 'audio' : undefined;

function defaultsFrom(kind: Kind, settings: Record<string, unknown>): Settings {
  const keep = APPLICABLE_NAMES[kind].filter((n) => n !== 'deviceId' && n !== 'groupId');
  return Object.fromEntries(Object.entries(primitives(settings)).filter(([k]) => keep.includes(k)));
}

export class HarnessError extends Error {}

/**
 * The engine's devices as the oracle needs them. Opens each input device once (cached per engine in `cache`
 * by kind and label: ids are salted per session, labels are not).
 */
export async function readEngineModel(page: ProbePage, cache: CapsCache = new Map()): Promise<EngineModel> {
  const supportedOutcome = await page.supportedConstraints();
  const supported = supportedOutcome.value ? Object.keys(supportedOutcome.value).filter((k) => supportedOutcome.value?.[k] === true) : [];
  const grant = await page.gum({ audio: true, video: true });
  if (grant.outcome !== 'resolved')
    throw new HarnessError(`getUserMedia({audio:true, video:true}) ${grant.summary}: cannot read the engine's devices`);
  const en = await page.enumerate();
  if (en.outcome !== 'resolved' || !en.devices)
    throw new HarnessError(`enumerateDevices() ${en.outcome}: cannot read the engine's devices`);
  const inputs = en.devices.filter((d) => kindOf(d.kind) !== undefined && d.deviceId !== '');
  if (!inputs.some((d) => d.kind === 'videoinput') || !inputs.some((d) => d.kind === 'audioinput')) {
    throw new HarnessError(
      `enumerateDevices() after a grant lists ${inputs.length} input device(s) with ids: need a camera and a microphone`,
    );
  }
  const devices: ModelDevice[] = [];
  const labels = new Map<string, number>();
  for (const d of inputs) {
    const kind = kindOf(d.kind) as Kind;
    const n = labels.get(`${d.kind}|${d.label}`) ?? 0;
    labels.set(`${d.kind}|${d.label}`, n + 1);
    const key = `${d.kind}|${d.label}|${n}`;
    let track = cache.get(key);
    if (!track) {
      const opened =
        grant.tracks?.find((t) => t.kind === kind && t.settings?.['deviceId'] === d.deviceId) ?? (await openAlone(page, kind, d));
      if (opened && isRecord(opened.capabilities)) {
        track = { capabilities: opened.capabilities, settings: opened.settings };
        cache.set(key, track);
      }
    }
    const infoCaps = isRecord(d.capabilities) && Object.keys(d.capabilities).length > 0 ? d.capabilities : null;
    const capabilities = track?.capabilities ?? infoCaps ?? {};
    devices.push({
      kind: d.kind as DeviceKind,
      deviceId: d.deviceId,
      groupId: d.groupId,
      label: d.label,
      capabilities,
      capsSource: track ? 'track' : infoCaps ? 'device-info' : 'none',
      deviceInfoCaps: d.capabilities,
      ...(track ? { defaults: defaultsFrom(kind, track.settings) } : {}),
    });
  }
  const notes = [
    'capabilities are ranges without native modes: the oracle assumes crop-and-scale reaches every size and frame rate inside them',
  ];
  for (const d of devices) {
    if (d.capsSource !== 'track')
      notes.push(
        `${d.label}: ${d.capsSource === 'none' ? 'no capabilities at all' : 'capabilities from InputDeviceInfo.getCapabilities() (the device could not be opened alone)'}`,
      );
    if (d.kind === 'videoinput' && !Array.isArray(d.capabilities['resizeMode']))
      notes.push(`${d.label}: no resizeMode capability, downscaling assumed`);
  }
  return { devices, supported, supportedOutcome, grant, notes };
}

async function openAlone(page: ProbePage, kind: Kind, d: DeviceInfo): Promise<TrackInfo | undefined> {
  const r = await page.gum({ [kind]: { deviceId: { exact: d.deviceId } } });
  return r.tracks?.find((t) => t.kind === kind && t.settings?.['deviceId'] === d.deviceId);
}

export const deviceLabel = (model: EngineModel, deviceId: unknown): string => {
  const d = model.devices.find((x) => x.deviceId === deviceId);
  return d ? `'${d.label}'` : 'an unlisted device';
};
