import { render } from 'preact';
import { useState } from 'preact/hooks';
import { css } from './styles';
import type { PromptSpec } from './types';

let sheet: CSSStyleSheet | undefined;

function Prompt({ spec, onClose }: { spec: PromptSpec; onClose(): void }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const [lo, hi] = spec.scale;
  const points = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const close = () => {
    if (chosen === null) spec.onDismiss();
    onClose();
  };
  return (
    <section
      class="card"
      aria-label={spec.question}
      dir={spec.dir}
      onKeyDown={(event) => event.key === 'Escape' && close()}
    >
      <button type="button" class="close" aria-label={spec.closeLabel} onClick={close}>
        ×
      </button>
      {chosen === null ? (
        <>
          <p id="q">{spec.question}</p>
          <div class="scale" role="radiogroup" aria-labelledby="q">
            {points.map((score) => (
              // biome-ignore lint/a11y/useSemanticElements: the WAI-ARIA radio-group pattern with buttons, styled as a scale
              <button
                type="button"
                role="radio"
                aria-checked={false}
                key={score}
                onClick={() => {
                  setChosen(score);
                  spec.onAnswer(score);
                }}
              >
                {score}
              </button>
            ))}
          </div>
          <div class="ends" aria-hidden="true">
            <span>{spec.labels[0]}</span>
            <span>{spec.labels[1]}</span>
          </div>
        </>
      ) : (
        <p role="status">{spec.thanks}</p>
      )}
    </section>
  );
}

/** Renders one question into a shadow root: a popover, or inline in `spec.target`. */
export function mount(spec: PromptSpec): () => void {
  const host = document.createElement('heard-prompt');
  if (spec.target) host.setAttribute('data-inline', '');
  const root = host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    sheet ??= new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    if (spec.nonce) style.nonce = spec.nonce;
    style.textContent = css;
    root.append(style);
  }
  const theme = spec.theme;
  for (const key of ['accent', 'bg', 'fg', 'radius', 'font'] as const) {
    const value = theme[key];
    if (value) host.style.setProperty(`--heard-${key}`, value);
  }
  (spec.target ?? document.body).append(host);
  const unmount = () => {
    render(null, root);
    host.remove();
  };
  render(<Prompt spec={spec} onClose={unmount} />, root);
  return unmount;
}
