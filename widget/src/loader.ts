import type { SendModule } from './delivery';
import { createHeard } from './heard';
import type { TargetingModule } from './lazy';
import type { LocaleModule, UiModule } from './types';

type Command = [string, ...unknown[]];
type QueueStub = ((...args: unknown[]) => void) & { q?: IArguments[] | Command[] };

declare const __UI_FILE__: string;
declare const __TARGETING_FILE__: string;
declare const __SEND_FILE__: string;
declare global {
  interface Window {
    heard?: QueueStub;
  }
}

// The script-tag build: reads its data- attributes, replays the calls queued by the
// stub before it loaded, then replaces the stub with a direct dispatcher.
const script = document.currentScript as HTMLScriptElement | null;
const base = script?.src ?? location.href;
const load = (file: string) => import(/* @vite-ignore */ new URL(file, base).href);
// Each built-in locale is its own small file beside the UI chunk: heard-ui.<hash>.<lang>.js.
const heard = createHeard(
  () => load(__UI_FILE__) as Promise<UiModule>,
  (lang) => load(__UI_FILE__.replace(/js$/, `${lang}.js`)) as Promise<LocaleModule>,
  () => load(__TARGETING_FILE__) as Promise<TargetingModule>,
  () => load(__SEND_FILE__) as Promise<SendModule>,
);
const dispatch = (name: string, ...args: unknown[]) => {
  const call = (heard as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
  return typeof call === 'function' ? call(...args) : undefined;
};

const queued = [...(window.heard?.q ?? [])] as ArrayLike<unknown>[];
const data = script?.dataset;
if (data?.site) {
  // An absent locale or nonce stays undefined, and an absent data-respect-dnt false: init() treats both as not given.
  heard.init({
    site: data.site,
    endpoint: data.endpoint ?? new URL(base).origin,
    user: data.user as string,
    userHash: data.userHash as string,
    locale: data.locale as string,
    respectDoNotTrack: data.respectDnt !== undefined,
    nonce: (data.nonce ?? script?.nonce) as string,
  });
}
window.heard = Object.assign((...args: unknown[]) => dispatch(...(args as [string])), heard);
for (const command of queued) dispatch(...(Array.from(command) as [string]));
