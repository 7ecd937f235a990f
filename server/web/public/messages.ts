// The public pages' own texts in every page language: Swedish (default), easy-to-read Swedish
// (lättläst, lang="sv"), English and Arabic (right to left). The questionnaires' texts are data in
// surveys/ (docs/configuration.md, "Översättningar"). The language lives in the URL only (?lang=en):
// no cookie, no storage, and it is never stored with a response (docs/security.md).
import { SWEDISH_ANSWER_TEXTS, type AnswerTexts } from '../../survey/answerRules.js';

export const PAGE_LANGUAGES = ['sv', 'sv-lattlast', 'en', 'ar'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** The ?lang= value, or Swedish for a missing, unknown or repeated one (never an error). */
export function pageLanguage(raw: unknown): PageLanguage {
  return typeof raw === 'string' && (PAGE_LANGUAGES as readonly string[]).includes(raw) ? (raw as PageLanguage) : 'sv';
}

/** The query string that keeps the language in a link: empty for Swedish, so old links stay as they were. */
export function langQuery(lang: PageLanguage): string {
  return lang === 'sv' ? '' : `?lang=${lang}`;
}

interface MessageText {
  heading: string;
  text: string;
  link?: string;
}

export interface Messages {
  /** The value of <html lang>: lättläst is Swedish to a screen reader. */
  htmlLang: string;
  dir: 'ltr' | 'rtl';
  /** The language's own name, for the language links. */
  name: string;
  /** Name of the questionnaire-text language used in the fallback notice. */
  fallbackNotice: string;
  languageNav: string;
  skipLink: string;
  footerAnonymous: string;
  accessibilityLink: string;
  /** Before the förbund's contact details in the footer. */
  contact: string;
  yes: string;
  no: string;
  dontKnow: string;
  insats: string;
  questionCount(n: number): string;
  progress(n: number, total: number): string;
  showIfHint(answer: string): string;
  errorPrefix: string;
  textRequired: string;
  textOptional: string;
  maxChars(n: number): string;
  noNames: string;
  skipAllowed: string;
  submit: string;
  errorTitle(title: string): string;
  errorSummaryHeading: string;
  errorSummaryText: string;
  errorLink(n: number, error: string): string;
  answers: AnswerTexts;
  brokenBody: string;
  notFound: MessageText;
  closed: MessageText;
  notYetOpen(date: string): MessageText;
  unavailable: MessageText & { title: string };
  badNonce: MessageText;
  empty: MessageText;
  pageMissing: MessageText;
  /** The error pages server/app.ts shows on a public page: our failure (500) or a request it cannot read (4xx). */
  failed: { title: string; heading: string; serverText: string; clientTitle: string; clientText: string; tooLargeText: string };
  thanks: {
    title: string;
    heading: string;
    lead: string;
    kioskReady: string;
    kioskNew: string;
    close: string;
    kioskStop: string;
    /** "{n}" is replaced by the seconds left (views/static/kiosk.js). */
    kioskCountdown: string;
    kioskStopped: string;
  };
}

const sv: Messages = {
  htmlLang: 'sv',
  dir: 'ltr',
  name: 'Svenska',
  fallbackNotice: '',
  languageNav: 'Språk',
  skipLink: 'Hoppa till innehållet',
  footerAnonymous: 'Dina svar är anonyma. Vi sparar inte vem du är, din IP-adress eller när på dagen du svarade.',
  accessibilityLink: 'Tillgänglighetsredogörelse',
  contact: 'Frågor om enkäten',
  yes: 'Ja',
  no: 'Nej',
  dontKnow: 'Vet ej',
  insats: 'Insats',
  questionCount: (n) => `${n} frågor`,
  progress: (n, total) => `Fråga ${n} av ${total}`,
  showIfHint: (a) => `Svara bara om du svarade ”${a}” på frågan innan.`,
  errorPrefix: 'Fel: ',
  textRequired: 'Du måste svara på den här frågan.',
  textOptional: 'Frivilligt.',
  maxChars: (n) => `Högst ${n} tecken.`,
  noNames: 'Skriv inte namn eller annat som visar vem du är.',
  skipAllowed: 'Du kan hoppa över frågor du inte vill svara på.',
  submit: 'Skicka svaren',
  errorTitle: (t) => `Fel i formuläret – ${t}`,
  errorSummaryHeading: 'Något behöver rättas innan svaren kan skickas',
  errorSummaryText: 'Inget har sparats ännu. Dina svar finns kvar nedan.',
  errorLink: (n, e) => `Fråga ${n}: ${e}`,
  answers: SWEDISH_ANSWER_TEXTS,

  brokenBody: 'Svaren kunde inte tas emot, eftersom formuläret var för stort eller skadat. Kontrollera långa textsvar och försök igen.',
  notFound: {
    heading: 'Enkäten finns inte',
    text: 'Länken är fel eller gammal. Kontrollera att du har skrivit av hela länken, eller fråga personen som gav dig den om en ny.',
  },
  closed: { heading: 'Enkäten är stängd', text: 'Det går inte längre att svara på den här enkäten. Tack för att du ville svara!' },
  notYetOpen: (d) => ({ heading: 'Enkäten har inte öppnat än', text: `Du kan svara på enkäten från och med ${d}. Välkommen tillbaka då!` }),
  unavailable: {
    title: 'Enkäten kan inte visas',
    heading: 'Enkäten kan inte visas just nu',
    text: 'Något är fel hos oss, inte hos dig. Försök igen senare eller säg till personen som gav dig länken.',
  },
  badNonce: {
    heading: 'Formuläret kunde inte tas emot',
    text: 'Inget har sparats. Formulärets kontrollkod saknades eller var fel, till exempel för att sidan kom från en gammal eller ändrad länk. Öppna ett nytt formulär och svara igen.',
    link: 'Öppna ett nytt, tomt formulär',
  },
  empty: {
    heading: 'Du har inte svarat på någon fråga',
    text: 'Formuläret skickades utan några svar, så inget har sparats. Gå tillbaka till enkäten och svara på de frågor du vill svara på.',
    link: 'Tillbaka till enkäten',
  },
  pageMissing: { heading: 'Sidan finns inte', text: 'Kontrollera länken.' },
  failed: {
    title: 'Något gick fel',
    heading: 'Något gick fel hos oss',
    serverText: 'Ingenting har sparats. Försök igen om en stund. Om felet kvarstår, kontakta samordningsförbundet.',
    clientTitle: 'Det gick inte',
    clientText: 'Det som skickades kunde inte läsas. Ingenting har sparats. Gå tillbaka, ladda om sidan och försök igen.',
    tooLargeText: 'Det som skickades var för stort. Ingenting har sparats. Korta ner texten och försök igen.',
  },
  thanks: {
    title: 'Tack för dina svar',
    heading: 'Tack för dina svar!',
    lead: 'Dina svar är sparade. De är anonyma och hjälper oss att göra stödet bättre.',
    kioskReady: 'Nästa person kan svara nu.',
    kioskNew: 'Starta en ny, tom enkät',
    close: 'Du kan stänga den här sidan nu.',
    kioskStop: 'Stanna på den här sidan',
    kioskCountdown: 'En ny, tom enkät visas om {n} sekunder.',
    kioskStopped: 'Nedräkningen är stoppad.',
  },
};

// Lättläst: short sentences, common words, one thing per sentence.
const lattlast: Messages = {
  ...sv,
  name: 'Lättläst svenska',
  fallbackNotice: 'Frågorna finns inte på lättläst svenska än. De visas på vanlig svenska.',
  skipLink: 'Gå till innehållet',
  footerAnonymous: 'Dina svar är anonyma. Vi sparar inte vem du är. Vi sparar inte din IP-adress. Vi sparar inte vilken tid du svarade.',
  accessibilityLink: 'Så gör vi sidan lätt att använda',
  contact: 'Frågor? Kontakta',
  showIfHint: (a) => `Svara bara om du svarade ”${a}” på frågan före.`,
  textRequired: 'Du måste svara på frågan.',
  textOptional: 'Du väljer själv om du vill svara.',
  maxChars: (n) => `Du kan skriva ${n} tecken som mest.`,
  noNames: 'Skriv inte ditt namn. Skriv inte något som visar vem du är.',
  skipAllowed: 'Du behöver inte svara på alla frågor.',
  errorTitle: (t) => `Fel i enkäten – ${t}`,
  errorSummaryHeading: 'Du behöver ändra något innan du skickar',
  errorSummaryText: 'Inget är sparat än. Dina svar finns kvar här under.',
  answers: {
    unknownFields: 'Formuläret har fel. Ladda om sidan och försök igen.',
    missingNonce: 'Formuläret saknar en kod. Skicka formuläret igen från den här sidan.',
    oneAnswer: 'Välj bara ett svar.',
    required: 'Du måste svara på frågan.',
    tooLong: (len, max) => `Svaret är för långt. Du har skrivit ${len} tecken. Du får skriva ${max} tecken.`,
    badChars: 'Svaret har tecken som inte går att spara. Ta bort dem och försök igen.',
    notAnOption: 'Välj ett av svaren i listan.',
    expired: 'Formuläret var öppet för länge. Titta på svaren här under. Skicka sedan igen.',
    tooMany: 'Många svarar just nu. Vänta en minut. Skicka sedan igen.',
  },
  brokenBody: 'Svaren gick inte att ta emot. Formuläret var för stort eller trasigt. Titta på långa svar och försök igen.',
  notFound: {
    heading: 'Enkäten finns inte',
    text: 'Länken är fel eller gammal. Titta så att du har skrivit hela länken. Du kan också be personen som gav dig länken om en ny.',
  },
  closed: { heading: 'Enkäten är stängd', text: 'Du kan inte svara på enkäten längre. Tack för att du ville svara!' },
  notYetOpen: (d) => ({ heading: 'Enkäten är inte öppen än', text: `Du kan svara på enkäten från ${d}. Välkommen tillbaka då!` }),
  unavailable: {
    title: 'Enkäten går inte att visa',
    heading: 'Enkäten går inte att visa nu',
    text: 'Det är fel hos oss. Det är inte ditt fel. Försök igen senare. Du kan också säga till personen som gav dig länken.',
  },
  badNonce: {
    heading: 'Formuläret gick inte att ta emot',
    text: 'Inget är sparat. Formuläret hade fel kod. Det kan bero på att länken var gammal. Öppna ett nytt formulär och svara igen.',
    link: 'Öppna ett nytt formulär',
  },
  empty: {
    heading: 'Du har inte svarat på någon fråga',
    text: 'Du skickade formuläret utan svar. Inget är sparat. Gå tillbaka och svara på de frågor du vill.',
    link: 'Tillbaka till enkäten',
  },
  pageMissing: { heading: 'Sidan finns inte', text: 'Titta så att länken är rätt.' },
  failed: {
    title: 'Något gick fel',
    heading: 'Något gick fel hos oss',
    serverText: 'Inget är sparat. Försök igen om en stund. Kontakta samordningsförbundet om det inte fungerar.',
    clientTitle: 'Det gick inte',
    clientText: 'Vi kunde inte läsa det du skickade. Inget är sparat. Gå tillbaka, ladda om sidan och försök igen.',
    tooLargeText: 'Det du skickade var för stort. Inget är sparat. Skriv kortare och försök igen.',
  },
  thanks: {
    title: 'Tack för dina svar',
    heading: 'Tack för dina svar!',
    lead: 'Dina svar är sparade. Ingen vet vem som svarade. Svaren hjälper oss att göra stödet bättre.',
    kioskReady: 'Nu kan nästa person svara.',
    kioskNew: 'Starta en ny enkät',
    close: 'Nu kan du stänga sidan.',
    kioskStop: 'Stanna kvar här',
    kioskCountdown: 'En ny enkät kommer om {n} sekunder.',
    kioskStopped: 'Nedräkningen är stoppad.',
  },
};

const en: Messages = {
  htmlLang: 'en',
  dir: 'ltr',
  name: 'English',
  fallbackNotice: 'The questions are not available in English yet and are shown in Swedish.',
  languageNav: 'Language',
  skipLink: 'Skip to content',
  footerAnonymous: 'Your answers are anonymous. We do not store who you are, your IP address or the time of day you answered.',
  accessibilityLink: 'Accessibility statement (in Swedish)',
  contact: 'Questions about the questionnaire',
  yes: 'Yes',
  no: 'No',
  dontKnow: "Don't know",
  insats: 'Programme',
  questionCount: (n) => `${n} questions`,
  progress: (n, total) => `Question ${n} of ${total}`,
  showIfHint: (a) => `Answer only if you answered “${a}” to the previous question.`,
  errorPrefix: 'Error: ',
  textRequired: 'You must answer this question.',
  textOptional: 'Optional.',
  maxChars: (n) => `At most ${n} characters.`,
  noNames: 'Do not write names or anything else that shows who you are.',
  skipAllowed: 'You can skip questions you do not want to answer.',
  submit: 'Send answers',
  errorTitle: (t) => `Error in the form – ${t}`,
  errorSummaryHeading: 'Something needs to be corrected before the answers can be sent',
  errorSummaryText: 'Nothing has been saved yet. Your answers are still below.',
  errorLink: (n, e) => `Question ${n}: ${e}`,
  answers: {
    unknownFields: 'The form contained fields that do not belong to the questionnaire. Reload the page and try again.',
    missingNonce: 'The form is missing its check code. Send the form again from this page.',
    oneAnswer: 'Choose only one answer to this question.',
    required: 'This question must be answered.',
    tooLong: (len, max) => `The answer is too long: ${len} characters. Write at most ${max} characters.`,
    badChars: 'The answer contains characters that cannot be saved. Remove them and try again.',
    notAnOption: 'The answer is not one of the options. Choose one of the options.',
    expired: 'The form had been open for too long to be accepted. Check the answers below and send them again.',
    tooMany: 'The questionnaire has received unusually many answers in a short time. Wait a minute and then send again.',
  },
  brokenBody: 'The answers could not be received because the form was too large or damaged. Check long text answers and try again.',
  notFound: {
    heading: 'The questionnaire does not exist',
    text: 'The link is wrong or old. Check that you copied the whole link, or ask the person who gave it to you for a new one.',
  },
  closed: {
    heading: 'The questionnaire is closed',
    text: 'It is no longer possible to answer this questionnaire. Thank you for wanting to answer!',
  },
  notYetOpen: (d) => ({
    heading: 'The questionnaire has not opened yet',
    text: `You can answer the questionnaire from ${d}. Welcome back then!`,
  }),
  unavailable: {
    title: 'The questionnaire cannot be shown',
    heading: 'The questionnaire cannot be shown right now',
    text: 'Something is wrong on our side, not yours. Try again later or tell the person who gave you the link.',
  },
  badNonce: {
    heading: 'The form could not be received',
    text: "Nothing has been saved. The form's check code was missing or wrong, for example because the page came from an old or changed link. Open a new form and answer again.",
    link: 'Open a new, empty form',
  },
  empty: {
    heading: 'You have not answered any question',
    text: 'The form was sent without any answers, so nothing has been saved. Go back to the questionnaire and answer the questions you want to answer.',
    link: 'Back to the questionnaire',
  },
  pageMissing: { heading: 'The page does not exist', text: 'Check the link.' },
  failed: {
    title: 'Something went wrong',
    heading: 'Something went wrong on our side',
    serverText:
      'Nothing has been saved. Try again in a while. If the problem remains, contact the coordination association (samordningsförbundet).',
    clientTitle: 'That did not work',
    clientText: 'What was sent could not be read. Nothing has been saved. Go back, reload the page and try again.',
    tooLargeText: 'What was sent was too large. Nothing has been saved. Shorten the text and try again.',
  },
  thanks: {
    title: 'Thank you for your answers',
    heading: 'Thank you for your answers!',
    lead: 'Your answers have been saved. They are anonymous and help us make the support better.',
    kioskReady: 'The next person can answer now.',
    kioskNew: 'Start a new, empty questionnaire',
    close: 'You can close this page now.',
    kioskStop: 'Stay on this page',
    kioskCountdown: 'A new, empty questionnaire will appear in {n} seconds.',
    kioskStopped: 'The countdown has stopped.',
  },
};

// Modern Standard Arabic. Counts are written as "label: n" to avoid Arabic number agreement.
const ar: Messages = {
  htmlLang: 'ar',
  dir: 'rtl',
  name: 'العربية',
  fallbackNotice: 'الأسئلة غير متوفرة باللغة العربية بعد، ولذلك تظهر باللغة السويدية.',
  languageNav: 'اللغة',
  skipLink: 'انتقل إلى المحتوى',
  footerAnonymous: 'إجاباتك مجهولة الهوية. لا نحفظ هويتك ولا عنوان IP الخاص بك ولا وقت إجابتك خلال اليوم.',
  accessibilityLink: 'بيان إمكانية الوصول (باللغة السويدية)',
  contact: 'أسئلة حول الاستبيان',
  yes: 'نعم',
  no: 'لا',
  dontKnow: 'لا أعرف',
  insats: 'البرنامج',
  questionCount: (n) => `عدد الأسئلة: ${n}`,
  progress: (n, total) => `السؤال ${n} من ${total}`,
  showIfHint: (a) => `أجب فقط إذا كانت إجابتك «${a}» عن السؤال السابق.`,
  errorPrefix: 'خطأ: ',
  textRequired: 'يجب أن تجيب عن هذا السؤال.',
  textOptional: 'اختياري.',
  maxChars: (n) => `الحد الأقصى لعدد الأحرف: ${n}.`,
  noNames: 'لا تكتب أسماء أو أي شيء آخر يكشف هويتك.',
  skipAllowed: 'يمكنك تخطي الأسئلة التي لا تريد الإجابة عنها.',
  submit: 'أرسل الإجابات',
  errorTitle: (t) => `خطأ في الاستمارة – ${t}`,
  errorSummaryHeading: 'يجب تصحيح شيء ما قبل إرسال الإجابات',
  errorSummaryText: 'لم يُحفظ شيء بعد. إجاباتك ما زالت موجودة في الأسفل.',
  errorLink: (n, e) => `السؤال ${n}: ${e}`,
  answers: {
    unknownFields: 'احتوت الاستمارة على حقول لا تنتمي إلى الاستبيان. أعد تحميل الصفحة وحاول مرة أخرى.',
    missingNonce: 'رمز التحقق الخاص بالاستمارة مفقود. أرسل الاستمارة مرة أخرى من هذه الصفحة.',
    oneAnswer: 'اختر إجابة واحدة فقط عن هذا السؤال.',
    required: 'يجب الإجابة عن هذا السؤال.',
    tooLong: (len, max) => `الإجابة طويلة جدًا (عدد الأحرف: ${len}). الحد الأقصى لعدد الأحرف: ${max}.`,
    badChars: 'تحتوي الإجابة على رموز لا يمكن حفظها. احذفها وحاول مرة أخرى.',
    notAnOption: 'الإجابة ليست من بين الخيارات. اختر أحد الخيارات.',
    expired: 'ظلت الاستمارة مفتوحة مدة طويلة جدًا، ولذلك تعذر استلامها. راجع الإجابات في الأسفل ثم أرسلها مرة أخرى.',
    tooMany: 'تلقى الاستبيان عددًا كبيرًا غير معتاد من الإجابات في وقت قصير. انتظر دقيقة ثم أرسل مرة أخرى.',
  },
  brokenBody: 'تعذر استلام الإجابات لأن الاستمارة كانت كبيرة جدًا أو تالفة. راجع الإجابات النصية الطويلة وحاول مرة أخرى.',
  notFound: {
    heading: 'الاستبيان غير موجود',
    text: 'الرابط خاطئ أو قديم. تأكد من أنك نسخت الرابط كاملًا، أو اطلب رابطًا جديدًا من الشخص الذي أعطاك إياه.',
  },
  closed: { heading: 'الاستبيان مغلق', text: 'لم يعد من الممكن الإجابة عن هذا الاستبيان. شكرًا لرغبتك في المشاركة!' },
  notYetOpen: (d) => ({ heading: 'لم يُفتح الاستبيان بعد', text: `يمكنك الإجابة عن الاستبيان ابتداءً من ${d}. نرحب بعودتك حينها!` }),
  unavailable: {
    title: 'لا يمكن عرض الاستبيان',
    heading: 'لا يمكن عرض الاستبيان الآن',
    text: 'هناك خلل لدينا وليس لديك. حاول مرة أخرى لاحقًا أو أخبر الشخص الذي أعطاك الرابط.',
  },
  badNonce: {
    heading: 'تعذر استلام الاستمارة',
    text: 'لم يُحفظ شيء. كان رمز التحقق الخاص بالاستمارة مفقودًا أو خاطئًا، مثلًا لأن الصفحة جاءت من رابط قديم أو معدَّل. افتح استمارة جديدة وأجب مرة أخرى.',
    link: 'افتح استمارة جديدة فارغة',
  },
  empty: {
    heading: 'لم تُجب عن أي سؤال',
    text: 'أُرسلت الاستمارة دون أي إجابات، ولذلك لم يُحفظ شيء. عُد إلى الاستبيان وأجب عن الأسئلة التي تريد الإجابة عنها.',
    link: 'العودة إلى الاستبيان',
  },
  pageMissing: { heading: 'الصفحة غير موجودة', text: 'تحقق من الرابط.' },
  failed: {
    title: 'حدث خطأ',
    heading: 'حدث خطأ من جهتنا',
    serverText: 'لم يُحفظ شيء. حاول مرة أخرى بعد قليل. إذا استمرت المشكلة، فتواصل مع اتحاد التنسيق (samordningsförbund).',
    clientTitle: 'لم تنجح العملية',
    clientText: 'تعذرت قراءة ما أُرسل. لم يُحفظ شيء. عُد إلى الصفحة السابقة وأعد تحميلها ثم حاول مرة أخرى.',
    tooLargeText: 'ما أُرسل كان كبيرًا جدًا. لم يُحفظ شيء. اختصر النص وحاول مرة أخرى.',
  },
  thanks: {
    title: 'شكرًا على إجاباتك',
    heading: 'شكرًا على إجاباتك!',
    lead: 'حُفظت إجاباتك. وهي مجهولة الهوية وتساعدنا على تحسين الدعم.',
    kioskReady: 'يمكن للشخص التالي أن يجيب الآن.',
    kioskNew: 'ابدأ استبيانًا جديدًا فارغًا',
    close: 'يمكنك إغلاق هذه الصفحة الآن.',
    kioskStop: 'ابقَ في هذه الصفحة',
    kioskCountdown: 'سيظهر استبيان جديد فارغ بعد قليل (الثواني المتبقية: {n}).',
    kioskStopped: 'توقف العد التنازلي.',
  },
};

const CATALOGUES: Record<PageLanguage, Messages> = { sv, 'sv-lattlast': lattlast, en, ar };

export function messagesFor(lang: PageLanguage): Messages {
  return CATALOGUES[lang];
}

/** What every public page's layout needs (views/partials/head.ejs, public-footer.ejs). */
export function pageLocals(lang: PageLanguage) {
  const t = messagesFor(lang);
  return {
    pageLang: lang,
    t,
    htmlLang: t.htmlLang,
    dir: t.dir,
    langQuery: langQuery(lang),
    languages: PAGE_LANGUAGES.map((code) => ({
      code,
      name: messagesFor(code).name,
      htmlLang: messagesFor(code).htmlLang,
      dir: messagesFor(code).dir,
    })),
  };
}

/** The locals of server/app.ts's error page in the ?lang= language, or null for Swedish (app.ts has those texts). */
export function errorPageIn(rawLang: unknown, status: number) {
  const lang = pageLanguage(rawLang);
  if (lang === 'sv') return null;
  const f = messagesFor(lang).failed;
  const server = status >= 500;
  return {
    ...pageLocals(lang),
    title: server ? f.title : f.clientTitle,
    heading: server ? f.heading : f.clientTitle,
    text: server ? f.serverText : status === 413 ? f.tooLargeText : f.clientText,
  };
}
