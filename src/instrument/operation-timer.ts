/**
 * Times an operation the way the catalog's sync metrics expect: its duration into a histogram,
 * the operation counted with its outcome, a failure counted by error type; errors are rethrown.
 */
import type { CounterInstrument, HistogramInstrument, LabelValues } from './instruments.ts';

/** The label names and values the timer sets itself. */
export const OPERATION_LABEL = 'operation';
export const STATUS_LABEL = 'status';
export const ERROR_TYPE_LABEL = 'error_type';
export const STATUS = { ok: 'ok', error: 'error' } as const;

type OwnLabel = typeof OPERATION_LABEL | typeof STATUS_LABEL;

/** The labels a caller supplies: the operation counter's, less those the timer sets. */
export type CallerLabels<OL extends string> = Exclude<OL, OwnLabel>;

export interface OperationTimerOptions<OL extends string, DL extends string, EL extends string> {
  /** Seconds each operation took, success or failure; labels: the caller's and `operation`. */
  readonly duration: HistogramInstrument<DL>;
  /** Operations by outcome; must have `operation` and `status` labels. */
  readonly operations: CounterInstrument<OL>;
  /** Failures by type; labels: the caller's and `error_type`. */
  readonly errors: CounterInstrument<EL>;
  /** The `error_type` label value of a thrown error (e.g. timeout, auth, conflict). */
  readonly errorType: (error: unknown) => string;
}

/** Requires the operations counter to carry the labels the timer sets. */
type HasOwnLabels<OL extends string> = [OwnLabel] extends [OL] ? unknown : { readonly operations: `needs the labels ${OwnLabel}` };

type Method<This, A extends unknown[], R> = (this: This, ...args: A) => R;

export interface OperationTimer<B extends string> {
  /** Runs `fn` (sync or async) as `operation`, recording it; returns its result, rethrows its error. */
  timed<R>(operation: string, labels: LabelValues<B>, fn: () => R): R;
  /**
   * A method decorator doing what `timed` does for every call; `labels` derives the caller's
   * labels from the instance, e.g. `(connector: Connector) => ({ connector: connector.name })`.
   */
  method<This>(
    operation: string,
    labels: (self: This) => LabelValues<B>,
  ): <A extends unknown[], R>(target: Method<This, A, R>, context: ClassMethodDecoratorContext<This, Method<This, A, R>>) => Method<This, A, R>;
}

type Labels = Record<string, string | number>;

/** An instrument without its label types. */
type Untyped<M extends string> = { readonly metric: { readonly labels: readonly string[] } } & Record<M, (labels: Labels, value?: number) => void>;

function pick(labels: Labels, names: readonly string[]): Labels {
  return Object.fromEntries(names.map((name) => [name, labels[name]!]));
}

export function operationTimer<OL extends string, DL extends CallerLabels<OL> | typeof OPERATION_LABEL, EL extends CallerLabels<OL> | typeof ERROR_TYPE_LABEL>(
  options: OperationTimerOptions<OL, DL, EL> & HasOwnLabels<OL>,
): OperationTimer<CallerLabels<OL>> {
  // Inside, the instruments are driven with label objects picked by each metric's declared names;
  // the generic signature above is what keeps those names consistent.
  const duration = options.duration as unknown as Untyped<'observe'>;
  const operations = options.operations as unknown as Untyped<'inc'>;
  const errors = options.errors as unknown as Untyped<'inc'>;

  /** Label sets whose outcomes are already exported. */
  const initialized = new Set<string>();

  /**
   * Exports both outcomes of a label set at 0 when it is first timed: a series that appears at its
   * first failure loses that failure to rate() and increase(), which read from the first sample.
   */
  function initialize(operation: string, labels: Labels): void {
    const key = JSON.stringify([operation, labels]);
    if (initialized.has(key)) return;
    initialized.add(key);
    for (const status of Object.values(STATUS)) operations.inc(pick({ ...labels, [OPERATION_LABEL]: operation, [STATUS_LABEL]: status }, operations.metric.labels), 0);
  }

  function record(operation: string, labels: Labels, started: number, error?: { thrown: unknown }): void {
    const all: Labels = { ...labels, [OPERATION_LABEL]: operation, [STATUS_LABEL]: error ? STATUS.error : STATUS.ok };
    duration.observe(pick(all, duration.metric.labels), (performance.now() - started) / 1000);
    operations.inc(pick(all, operations.metric.labels));
    if (error) errors.inc(pick({ ...all, [ERROR_TYPE_LABEL]: options.errorType(error.thrown) }, errors.metric.labels));
  }

  function timed<R>(operation: string, labels: LabelValues<CallerLabels<OL>>, fn: () => R): R {
    initialize(operation, labels);
    const started = performance.now();
    let result: R;
    try {
      result = fn();
    } catch (thrown) {
      record(operation, labels, started, { thrown });
      throw thrown;
    }
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => {
          record(operation, labels, started);
          return value;
        },
        (thrown: unknown) => {
          record(operation, labels, started, { thrown });
          throw thrown;
        },
      ) as R;
    }
    record(operation, labels, started);
    return result;
  }

  return {
    timed,
    method: (operation, labels) => (target) =>
      function (this, ...args) {
        return timed(operation, labels(this), () => target.apply(this, args));
      },
  };
}
