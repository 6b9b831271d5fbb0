import type { Strings } from '../types';

// The question's logic travels with its texts: the loader fetches exactly one locale per question.
export { show } from '../prompt';

/** The widget's texts in Japanese. */
export default {
  nps: 'このサービスを友人や同僚に勧める可能性はどのくらいありますか？',
  npsLo: 'まったく勧めない',
  npsHi: '強く勧める',
  csat: 'ご利用の満足度はいかがですか？',
  csatLo: 'とても不満',
  csatHi: 'とても満足',
  ces: '必要なことを簡単に行えた。',
  cesLo: 'まったくそう思わない',
  cesHi: 'とてもそう思う',
  effort: '必要なことを行うのにどのくらい手間がかかりましたか？',
  effortLo: 'ほとんどかからなかった',
  effortHi: 'とても手間がかかった',
  detractor: '改善できる点を教えてください。',
  passive: 'さらに良くするには何が必要ですか？',
  promoter: '特に気に入っている点は何ですか？',
  csatLow: 'ご不満な点を教えてください。',
  csatMiddle: '足りなかった点は何ですか？',
  csatHigh: '特に良かった点は何ですか？',
  cesLow: '難しかった点を教えてください。',
  cesMiddle: 'どうすればもっと簡単になりましたか？',
  cesHigh: '簡単だった点を教えてください。',
  send: '送信',
  thanks: 'ありがとうございました！',
  close: '閉じる',
} satisfies Strings;
