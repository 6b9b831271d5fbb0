// Stop words of the widget's eight built-in languages (widget/src/locales): function words
// that say nothing about what a comment is about. Lowercase, as `tokenize` yields them; the
// lists follow the spirit of the Snowball project's lists (en, de, fr, es, pt) and of common
// Japanese, Arabic and Hebrew particle lists, trimmed to what survey comments use.

const list = (words: string) => new Set(words.trim().split(/\s+/));

/** The languages Heard ships a widget locale for, and so a stop-word list. */
export const THEME_LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'ja', 'ar', 'he'] as const;
export type ThemeLanguage = (typeof THEME_LANGUAGES)[number];

/** Stop words per language. */
export const STOP_WORDS: Record<ThemeLanguage, ReadonlySet<string>> = {
  en: list(`
    a about above after again against all also am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
    during each even ever few for from further get gets got had hadn't has hasn't have haven't having he
    her here hers herself him himself his how i i'm i've if in into is isn't it it's its itself just
    let's like lot lots me more most much mustn't my myself no nor not now of off on once only or other
    ought our ours ourselves out over own please really same she should shouldn't so some still such than
    that that's the their theirs them themselves then there there's these they they're this those through
    to too under until up us very was wasn't we we're were weren't what when where which while who whom
    why will with won't would wouldn't you you're your yours yourself yourselves thing things way yes
    one`),
  de: list(`
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anders
    auch auf aus bei bin bis bist da damit dann das dass daß dein deine dem den denn der des dich die dies
    diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige
    er es etwas euch euer für gegen gewesen hab habe haben hat hatte hätte hier hin hinter ich ihm ihn
    ihnen ihr ihre im in ist ja jede jedem jeden jeder jedes jetzt kann kein keine können könnte man
    manche mehr mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein
    seine sich sie sind so solche soll sollte sondern sonst über um und uns unser unter viel vom von vor
    war waren warum was weil welche wenn wer werde werden wie wieder will wir wird wo wurde würde zu zum
    zur zwar zwischen immer schon mal gibt`),
  fr: list(`
    a à afin ai aie aient ainsi alors as au aucun aussi autre aux avait avec avez avoir avons bien c c'est
    ça car ce ceci cela celle celui ces cet cette chaque ci comme comment d dans de des donc dont du elle
    elles en encore est et étaient était été être eu eux fait faut il ils j j'ai je l la le les leur leurs
    lui m ma mais me même mes moi mon n ne ni non nos notre nous on ont ou où par pas peu peut plus pour
    pourquoi qu qu'il quand que quel quelle quels qui s sa sans se ses si son sont sous suis sur t ta te
    tes toi ton tous tout toute toutes très tu un une vos votre vous y trop vraiment`),
  es: list(`
    a al algo algunas algunos ante antes aquí así aunque bien cada como con contra cual cuando de del
    desde donde dos el él ella ellas ellos en entre era es esa ese eso esta está están estar este esto
    estos fue fueron ha había han hay hasta la las le les lo los más me mi mis mucho muy nada ni no nos
    nosotros o otra otro para pero poco por porque que qué quien se sea ser si sí sido sin sobre son su
    sus también tan te tengo tiene todo todos tu tú un una uno unos y ya yo demasiado siempre`),
  pt: list(`
    a à ao aos as às até com como da das de dela dele deles depois do dos e é ela elas ele eles em entre
    era essa esse esta está estão este eu foi for há isso isto já la lhe mais mas me mesmo meu minha muito
    na nas nem no nos nós o os ou para pela pelas pelo pelos por porque qual quando que quem se sem ser
    seu seus só sua suas são também te tem tenho ter teu tu tua um uma umas uns você vocês vos sempre
    demais bem`),
  ja: list(`
    の に は を た が で て と し れ さ ある いる も する から な こと として い や れる など なっ ない この
    ため その あっ よう また もの という あり まで られ なる へ か だ これ によって により おり より による
    ず なり られる において ば なかっ なく しかし について せ だっ その後 できる それ う ので なお のみ
    でき き つ における および いう さらに でも ら たり その他 に関する たち ます ん なら です ました
    でした ません とても すごく ちょっと よ ね わ`),
  ar: list(`
    ال في من على إلى الى عن مع هذا هذه ذلك تلك هو هي هم هن أنا انا نحن أنت انت كان كانت يكون ليس لا لم
    لن ما ماذا متى أين كيف أو او ثم قد لقد كل بعض غير بين عند حتى إذا اذا إن ان أن لكن و ف ب ل ك جدا
    جداً أيضا ايضا التي الذي الذين هناك هنا فقط`),
  he: list(`
    ה ו ב ל מ ש את של על עם זה זו זאת הוא היא הם הן אני אנחנו אתה את אתם לא כן גם כל אבל או אם כי מה מי
    איך למה כמו יש אין היה הייתה היו יהיה רק עוד כבר מאוד אל לי לו לה להם שלי שלו שלה זה כך כאן שם`),
};
