/**
 * How every element reads its attributes and tells the page author what is wrong with them, the
 * same way everywhere: the element's `read` function (pure, in core or beside the element) turns
 * the attributes into a reading before each render; each new set of problems goes to the console
 * once (an error when the element cannot work, a warning when it works without the bad values or,
 * with `compliance="warn"`, collects consent whose record says which rules failed); and an element
 * that cannot work shows `renderConfigurationNotice` (configuration-notice.ts) where its controls would be. When the element
 * is connected, the controller also registers the elements it renders (`static dependencies`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConfigurationProblem } from '../../core/notice/form-configuration.js';
import { defineDependencies, type ElementDependencies } from './define-element.js';

/** What an element's attributes amount to right now. */
export interface ConfigurationReading {
  /** Everything the page author should fix, each naming its attribute (and the rule, for a failed compliance rule). */
  problems: readonly ConfigurationProblem[];
  /** The element shows the set-up notice instead of its controls and collects nothing. */
  blocked: boolean;
}

export interface ConfigurationControllerOptions<R extends ConfigurationReading> {
  /** The element's tag, as the console names it. */
  tag: string;
  /** Reads the attributes as they are now. Must not change anything: `current` calls it before the first render. */
  read: () => R;
}

export class ConfigurationController<R extends ConfigurationReading> implements ReactiveController {
  private last?: R;
  private reported = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ConfigurationControllerOptions<R>,
  ) {
    host.addController(this);
  }

  /** The reading of the last render; before the first, one read now (and not reported). */
  get current(): R {
    return this.last ?? this.options.read();
  }

  /** Reads the attributes again (call it in `willUpdate`); a set of problems not reported yet goes to the console. */
  refresh(): R {
    const reading = this.options.read();
    this.last = reading;
    const summary = reading.problems.map((p) => (p.rule ? `${p.message} [rule ${p.rule}]` : p.message)).join('\n');
    if (summary !== this.reported) {
      this.reported = summary;
      if (summary) {
        // Blocked: it shows the set-up notice and collects nothing. Not blocked: it works, without the
        // values it names (or, with compliance="warn", collecting consent whose record says which rules failed).
        if (reading.blocked) console.error(`[optin-elements] <${this.options.tag}> is not set up correctly:\n${summary}`);
        else console.warn(`[optin-elements] <${this.options.tag}> works, but check:\n${summary}`);
      }
    }
    return reading;
  }

  /** Before the first render: the elements this one renders (its `static dependencies`) are registered if the page has not. */
  hostConnected(): void {
    defineDependencies((this.host.constructor as { dependencies?: ElementDependencies }).dependencies ?? {});
  }
}
