// Host rules are !important: inside a shadow root, important declarations beat the host
// page's, even `* { all: unset !important }`. Lengths are px, never rem, so the page's root
// font size cannot scale the widget.
const dark =
  '--a:var(--heard-accent-dark,#9db8ff);--b:var(--heard-bg-dark,#1d2029);--f:var(--heard-fg-dark,#eceef3);--m:var(--heard-muted-dark,#a6acb9);--o:var(--heard-on-accent-dark,#10131a)';

/** The widget's CSS, applied inside its shadow root only. */
export const css = `
:host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;inset:auto 16px 16px auto!important;
--a:var(--heard-accent,#2f5bd3);--b:var(--heard-bg,#fff);--f:var(--heard-fg,#1a1d24);--m:var(--heard-muted,#5c6272);--o:var(--heard-on-accent,#fff);
--r:var(--heard-radius,12px);font:15px/1.4 var(--heard-font,system-ui,sans-serif)!important;color:var(--f)!important}
@media(prefers-color-scheme:dark){:host(:not([data-mode=light])){${dark}}}
:host([data-mode=dark]){${dark}}
:host([data-pos$=left]){inset:auto auto 16px 16px!important}
:host([data-pos=top-left]){inset:16px auto auto 16px!important}
:host([data-pos=top-right]){inset:16px 16px auto auto!important}
:host([data-pos=bottom-center]){inset:auto auto 16px 50%!important;transform:translateX(-50%)!important}
:host([data-inline]){position:relative!important;inset:auto!important;z-index:auto!important}
*{box-sizing:border-box}
.card{position:relative;background:var(--b);color:var(--f);border:1px solid var(--m);border-radius:var(--r);
padding:16px;width:min(440px,calc(100vw - 32px));box-shadow:0 6px 28px #0004;animation:h .2s ease-out}
:host([data-inline]) .card{width:auto;box-shadow:none;animation:none}
@keyframes h{from{opacity:0;transform:translateY(8px)}}
@media(prefers-reduced-motion:reduce){.card{animation:none}}
p,label{display:block;margin:0 0 12px;padding-inline-end:28px;font-weight:600}
button,textarea{font:inherit;color:inherit;background:none;border:1px solid var(--m);border-radius:6px;margin:0;cursor:pointer}
.s{display:flex;gap:4px}
.s button{flex:1;min-width:24px;min-height:36px;padding:0}
.n button:hover,.n [aria-checked=true]{background:var(--a);color:var(--o);border-color:var(--a)}
.g{justify-content:center}
.g button{flex:0 1 48px;min-height:44px;border:0;color:var(--m)}
svg{width:32px;height:32px;fill:none;stroke:currentColor;stroke-width:1.6;stroke-linecap:round;stroke-linejoin:round;vertical-align:middle}
.st .on,.st:hover button,.f button:hover,.f [aria-checked=true]{color:var(--a)}
.st .on svg,.st:hover svg{fill:currentColor}
.st button:hover~button{color:var(--m)}
.st button:hover~button svg{fill:none}
.e{display:flex;justify-content:space-between;gap:8px;font-size:12px;margin-top:6px;color:var(--m)}
.x{position:absolute;top:8px;inset-inline-end:8px;width:28px;height:28px;border:0;font-size:20px;line-height:1;padding:0}
textarea{display:block;width:100%;min-height:72px;padding:8px;resize:vertical;cursor:text}
.b{margin-top:8px;min-height:36px;padding:0 18px;border:0;background:var(--a);color:var(--o);font-weight:600}
:focus-visible{outline:3px solid var(--a);outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media(max-width:479.9px){:host(:not([data-inline])){inset:auto 0 0!important;transform:none!important}
:host(:not([data-inline])) .card{width:auto;border-radius:var(--r) var(--r) 0 0;border-width:1px 0 0}}
`;
