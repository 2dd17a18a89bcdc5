/** A duration field of a rule, group or route, reported when Prometheus or Alertmanager would refuse it. */
import { durationProblem } from '../../sdk/duration.ts';
import type { SourceLocation } from '../../sdk/source-location.ts';
import type { Diagnostics } from '../diagnostics.ts';

export function checkDuration(value: string | undefined, field: string, source: SourceLocation | undefined, subject: string, diagnostics: Diagnostics): void {
  const wrong = value === undefined ? undefined : durationProblem(value);
  if (wrong) diagnostics.error(source, subject, `${field} "${value}" ${wrong.problem}`, wrong.hint);
}
