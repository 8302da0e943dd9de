// What the browser's own UI showed, read through the driver: the permission prompts a check caused and the capture
// indicator. Either may be out of the driver's reach (the engine declares why); a reading carries one phrase for a
// cell's summary either way, and the assertions below hold only where the driver can see.
import { expect, type OpenedPage } from '../harness/check';
import { isUnobservable, type CaptureIndicator, type PromptRecord, type Unobservable } from '../harness/types';

export interface PromptReading {
  prompts: PromptRecord[] | Unobservable;
  /** One phrase for a summary: "0 prompt(s)", or "prompts not observable". */
  note: string;
}

/** The prompts this check's requests caused so far. */
export function readPrompts(page: Pick<OpenedPage, 'prompts'>): PromptReading {
  const prompts = page.prompts();
  return { prompts, note: isUnobservable(prompts) ? 'prompts not observable' : `${prompts.length} prompt(s)` };
}

/** No prompt was shown, where the driver sees prompts. */
export function expectNoPrompt(r: PromptReading): void {
  if (!isUnobservable(r.prompts)) expect(r.prompts).toEqual([]);
}

/** At least one prompt was shown, where the driver sees prompts. */
export function expectPromptShown(r: PromptReading): void {
  if (!isUnobservable(r.prompts)) expect(r.prompts.length).toBeGreaterThan(0);
}

export interface IndicatorReading {
  indicator: CaptureIndicator | Unobservable;
  /** One phrase for a summary: "indicator none/none", or "indicator not visible". */
  note: string;
}

export async function readIndicator(page: OpenedPage): Promise<IndicatorReading> {
  const indicator = await page.indicator();
  const note = isUnobservable(indicator)
    ? 'indicator not visible'
    : `indicator camera ${indicator.camera}, microphone ${indicator.microphone}`;
  return { indicator, note };
}

/** No capture is left running after a failed request, where the engine's indicator is visible to the driver. */
export function expectNoLiveCapture(r: IndicatorReading): void {
  if (!isUnobservable(r.indicator)) expect(r.indicator).toEqual({ camera: 'none', microphone: 'none' });
}
