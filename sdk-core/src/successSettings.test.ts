import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SITE_SETTINGS,
  dateWindow,
  mergeSettings,
  siteSettingsFrom,
  ZSiteSettingsPatch,
} from './successSettings';

describe('site settings', () => {
  it('trusts the revenue and churn events by default, and follows them until the site names its own', () => {
    expect(DEFAULT_SITE_SETTINGS.trustedEvents).toEqual(['revenue', 'churned']);
    const renamed = mergeSettings(DEFAULT_SITE_SETTINGS, { revenue: { event: 'payment' } });
    expect(renamed.trustedEvents).toEqual(['payment', 'churned']);
    const named = mergeSettings(renamed, { trustedEvents: ['payment', 'churned', 'ticket_resolved'] });
    expect(mergeSettings(named, { churn: { event: 'cancelled' } }).trustedEvents).toEqual([
      'payment',
      'churned',
      'ticket_resolved',
    ]);
    expect(siteSettingsFrom({ revenue: { event: 'mrr' } }).trustedEvents).toEqual(['mrr', 'churned']);
    expect(ZSiteSettingsPatch.safeParse({ trustedEvents: ['a b'] }).success).toBe(false);
    expect(ZSiteSettingsPatch.safeParse({ trustedEvents: ['a', 'a'] }).success).toBe(false);
  });

  it('requires no identity verification until the site turns it on', () => {
    expect(DEFAULT_SITE_SETTINGS.identity).toEqual({ required: false });
    expect(mergeSettings(DEFAULT_SITE_SETTINGS, { identity: { required: true } }).identity).toEqual({ required: true });
    expect(ZSiteSettingsPatch.safeParse({ identity: { required: 'yes' } }).success).toBe(false);
  });

  it('merges a patch section by section, weights key by key', () => {
    const merged = mergeSettings(DEFAULT_SITE_SETTINGS, {
      churn: { inactivityDays: 60 },
      health: { weights: { nps: 50 } },
    });
    expect(merged.churn).toEqual({ event: 'churned', inactivityDays: 60 });
    expect(merged.health.weights).toEqual({ ...DEFAULT_SITE_SETTINGS.health.weights, nps: 50 });
    expect(merged.ttv).toEqual(DEFAULT_SITE_SETTINGS.ttv);
  });

  it('reads stored settings over the defaults, ignoring invalid sections and other keys', () => {
    const settings = siteSettingsFrom({
      ttv: { value: 'first_report' },
      churn: { inactivityDays: -3 },
      fatigue: { days: 9 },
    });
    expect(settings.ttv).toEqual({ start: 'signed_up', value: 'first_report' });
    expect(settings.churn).toEqual(DEFAULT_SITE_SETTINGS.churn);
    expect(siteSettingsFrom(null)).toEqual(DEFAULT_SITE_SETTINGS);
  });

  it('refuses unknown keys, names with spaces and out-of-range weights', () => {
    expect(ZSiteSettingsPatch.safeParse({ ttv: { begin: 'x' } }).success).toBe(false);
    expect(ZSiteSettingsPatch.safeParse({ ttv: { start: 'signed up' } }).success).toBe(false);
    expect(ZSiteSettingsPatch.safeParse({ health: { weights: { nps: 101 } } }).success).toBe(false);
    expect(ZSiteSettingsPatch.safeParse({ colour: 'red' }).success).toBe(false);
  });

  it('turns ISO dates into a window, `to` inclusive of its day and never past now', () => {
    const now = Date.UTC(2026, 10, 22, 12);
    expect(dateWindow({ from: '2026-11-01', to: '2026-11-10' }, now)).toEqual({
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 10, 11),
    });
    expect(dateWindow({ to: '2026-12-31' }, now, 7)).toEqual({ from: now - 7 * 86_400_000, to: now });
  });
});
