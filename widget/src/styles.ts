/** The widget's CSS, applied inside its shadow root only. */
export const css = `
:host{all:initial;position:fixed;z-index:2147483000;bottom:16px;right:16px;
--a:var(--heard-accent,#2f5bd3);--b:var(--heard-bg,#fff);--f:var(--heard-fg,#1a1d24);
--r:var(--heard-radius,12px);font:15px/1.4 var(--heard-font,system-ui,sans-serif);color:var(--f)}
:host([data-inline]){position:static;display:block}
.card{box-sizing:border-box;background:var(--b);color:var(--f);border-radius:var(--r);padding:16px 16px 12px;
width:min(440px,calc(100vw - 32px));box-shadow:0 6px 28px rgba(0,0,0,.18);border:1px solid rgba(127,127,127,.3)}
p{margin:0 28px 12px 0;font-weight:600}
.scale{display:flex;gap:4px}
.scale button{flex:1;min-width:24px;min-height:36px;border:1px solid rgba(127,127,127,.6);border-radius:6px;
background:transparent;color:inherit;font:inherit;cursor:pointer;padding:0}
.scale button:hover,.scale button[aria-checked=true]{background:var(--a);color:#fff;border-color:var(--a)}
button:focus-visible{outline:3px solid var(--a);outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:12px;margin-top:6px;opacity:.85}
.close{position:absolute;top:8px;right:8px;width:28px;height:28px;border:0;background:transparent;color:inherit;
font-size:20px;line-height:1;cursor:pointer;border-radius:6px}
.card{position:relative}
@media (max-width:480px){:host(:not([data-inline])){left:0;right:0;bottom:0}
:host(:not([data-inline])) .card{width:100%;border-radius:var(--r) var(--r) 0 0}}
`;
