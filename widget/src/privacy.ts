type PrivacyNavigator = Navigator & { globalPrivacyControl?: boolean; doNotTrack?: string | null };

/**
 * Whether this visitor asked not to be tracked, in which case Heard sends nothing, stores
 * nothing and asks nothing: Global Privacy Control (`navigator.globalPrivacyControl`) always;
 * Do Not Track (`navigator.doNotTrack === '1'`) when the site opts in with `respectDoNotTrack`.
 * @example if (optedOut(options)) return;
 */
export function optedOut(options?: { respectDoNotTrack?: boolean | undefined }): boolean {
  try {
    const nav = navigator as PrivacyNavigator;
    if (nav.globalPrivacyControl === true) return true;
    return options?.respectDoNotTrack === true && nav.doNotTrack === '1';
  } catch {
    return false;
  }
}
