// Classic JSX (h calls with children as arguments) is smaller than the automatic runtime's
// objects, and brings no code of its own: render() already needs h.
/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
// biome-ignore lint/correctness/noUnusedImports: the JSX pragmas above use h and Fragment
import { Fragment, h, render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { css } from './styles';
import type { PromptSpec } from './types';

// Parsed when the chunk is evaluated, a task before the first render (heard.ts waits a task in
// between), so parsing the CSS and rendering never add up to one long task.
let sheet: CSSStyleSheet | undefined;
// Every browser with adoptedStyleSheets also has replaceSync (Chromium 73, Firefox 101, Safari 16.4).
if ('adoptedStyleSheets' in ShadowRoot.prototype) {
  sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
}

const STAR = 'M12 2.8l2.8 5.8 6.3.9-4.6 4.4 1.1 6.3L12 17.2l-5.6 3 1.1-6.3-4.6-4.4 6.3-.9z';
const KEYS: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -99, End: 99 };

/** A face whose mouth curves from a frown (good = 0) to a smile (good = 1). */
const face = (good: number) => (
  <svg viewBox="0 0 24 24" aria-hidden="true">
    <circle cx="12" cy="12" r="9.5" />
    <path d={`M9 9.5v.5M15 9.5v.5M8 15.5Q12 ${12 + 7 * good} 16 15.5`} />
  </svg>
);

/** 0: the scale; 1: the follow-up; 2: thanks. */
type Stage = 0 | 1 | 2;

function Prompt({ spec, close }: { spec: PromptSpec; close(): void }) {
  const [lo, hi] = spec.scale;
  const count = hi - lo + 1;
  const { display, dir } = spec;
  const [stage, setStage] = useState<Stage>(0);
  const [selected, setSelected] = useState(-1);
  const [followUp, setFollowUp] = useState('');
  const [live, setLive] = useState('');
  const group = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const closer = useRef<HTMLButtonElement>(null);
  const current = Math.max(selected, 0);

  useEffect(() => {
    // Announced through a live region that exists before its text, without taking focus.
    setLive(spec.question);
    if (spec.focus) (group.current?.children[0] as HTMLElement | undefined)?.focus();
  }, []);
  useEffect(() => {
    if (stage === 1) field.current?.focus();
    if (stage === 2) {
      setLive(spec.thanks);
      closer.current?.focus();
      if (!spec.target) {
        const timer = setTimeout(close, 5000);
        return () => clearTimeout(timer);
      }
    }
  }, [stage]);

  const dismiss = () => {
    if (stage === 0) spec.onDismiss();
    close();
  };
  const choose = (index: number) => {
    setSelected(index);
    spec.onAnswer(lo + index).then((text) => {
      if (text) setFollowUp(text);
      setStage(text ? 1 : 2);
    });
  };
  const submit = () => {
    const comment = field.current?.value.trim();
    if (comment) spec.onComment(comment);
    setStage(2);
  };
  const move = (event: KeyboardEvent) => {
    let step = KEYS[event.key];
    if (!step) return;
    event.preventDefault();
    if (dir === 'rtl' && event.key.length > 7) step = -step;
    const next = step === 1 || step === -1 ? (current + step + count) % count : step < 0 ? 0 : count - 1;
    setSelected(next);
    (group.current?.children[next] as HTMLElement | undefined)?.focus();
  };

  return (
    <section
      class="card"
      aria-label={spec.question}
      dir={dir}
      lang={spec.lang}
      onKeyDown={(event) => event.key === 'Escape' && dismiss()}
    >
      <div class="sr" role="status">
        {live}
      </div>
      <button type="button" class="x" ref={closer} aria-label={spec.close} onClick={dismiss}>
        ×
      </button>
      {stage === 0 ? (
        <>
          <p id="q">{spec.question}</p>
          <div
            ref={group}
            class={`s ${display === 'numbers' ? 'n' : display === 'stars' ? 'g st' : 'g f'}`}
            role="radiogroup"
            aria-labelledby="q"
          >
            {Array.from({ length: count }, (_, index) => (
              // biome-ignore lint/a11y/useSemanticElements: the WAI-ARIA radio-group pattern with buttons, styled as a scale
              <button
                type="button"
                role="radio"
                key={index}
                aria-checked={index === selected}
                tabIndex={index === current ? 0 : -1}
                aria-label={display === 'numbers' ? undefined : `${lo + index}`}
                aria-describedby={index === 0 ? 'lo' : index === count - 1 ? 'hi' : undefined}
                class={display === 'stars' && index <= selected ? 'on' : undefined}
                onClick={() => choose(index)}
                onKeyDown={move}
              >
                {display === 'numbers' ? (
                  lo + index
                ) : display === 'stars' ? (
                  <svg viewBox="0 0 24 24" aria-hidden="true">
                    <path d={STAR} />
                  </svg>
                ) : (
                  face(spec.lowerBetter ? 1 - index / (count - 1) : index / (count - 1))
                )}
              </button>
            ))}
          </div>
          <div class="e">
            <span id="lo">{spec.labels[0]}</span>
            <span id="hi">{spec.labels[1]}</span>
          </div>
        </>
      ) : stage === 1 ? (
        <>
          <label for="c">{followUp}</label>
          <textarea
            id="c"
            ref={field}
            maxLength={5000}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                submit();
              }
            }}
          />
          <button type="button" class="b" onClick={submit}>
            {spec.send}
          </button>
        </>
      ) : (
        <p>{spec.thanks}</p>
      )}
    </section>
  );
}

/** Renders one question into an open shadow root: a popover, or inline in `spec.target`. */
export function mount(spec: PromptSpec): () => void {
  const host = document.createElement('heard-prompt');
  if (spec.target) host.setAttribute('data-inline', '');
  else host.setAttribute('data-pos', spec.position);
  const { mode, ...theme } = spec.theme;
  if (mode && mode !== 'auto') host.setAttribute('data-mode', mode);
  for (const [key, value] of Object.entries(theme)) {
    // setProperty is CSSOM, not a style attribute: allowed under a strict style-src.
    if (value) host.style.setProperty(`--heard-${key.replace(/[A-Z]/g, '-$&').toLowerCase()}`, value);
  }
  const root = host.attachShadow({ mode: 'open' });
  if (sheet) root.adoptedStyleSheets = [sheet];
  else {
    const style = document.createElement('style');
    if (spec.nonce) style.nonce = spec.nonce;
    style.textContent = css;
    root.append(style);
  }
  (spec.target ?? document.body).append(host);
  const unmount = () => {
    render(null, root);
    host.remove();
  };
  render(<Prompt spec={spec} close={unmount} />, root);
  return unmount;
}
