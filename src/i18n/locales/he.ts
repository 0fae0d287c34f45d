import type { LocaleResource } from '../supported-locales.js';

/**
 * Hebrew (עברית), written right to left. Same keys as en.ts (checked by test/node/locale-parity.test.ts).
 * Machine-assisted translation: the legal wording must be reviewed by a native-speaking lawyer.
 */
export default {
  channel: {
    whatsapp: 'WhatsApp',
    sms: 'SMS',
    rcs: 'RCS',
    telegram: 'Telegram',
    email: 'דוא״ל',
  },
  category: {
    offers: {
      label: 'מבצעים והטבות',
      description: 'הנחות, מכירות ומוצרים חדשים',
    },
    announcements: {
      label: 'חדשות והודעות',
      description: 'אירועים, חנויות חדשות ושינויים בשירות שלנו',
    },
    'order-updates': {
      label: 'עדכוני הזמנות',
      description: 'אישורים, משלוח ומסירה של ההזמנות שלך',
    },
    'appointment-reminders': {
      label: 'תזכורות לתורים',
      description: 'תזכורות ושינויים בהזמנות שלך',
    },
    'account-alerts': {
      label: 'התראות חשבון',
      description: 'הודעות אבטחה ושינויים חשובים בחשבון שלך',
    },
    support: {
      label: 'שירות לקוחות',
      description: 'תשובות לשאלות שלך ומעקב',
    },
  },
  notice: {
    lead: 'אני מסכים/ה לקבל הודעות מ-{{business}} בנושאים שאסמן למטה.',
    leadOnChannel: 'אני מסכים/ה לקבל הודעות מ-{{business}} ב-{{channel}} בנושאים שאסמן למטה.',
    requiredMarker: '(חובה)',
    requiredNote: 'נושאים המסומנים {{marker}} נחוצים לשירות שביקשת, כמו עדכונים על ההזמנה שלך; הם אף פעם לא מסומנים בשבילך.',
    frequency: {
      day_one: 'עד הודעה אחת ביום.',
      day_two: 'עד {{count}} הודעות ביום.',
      day_other: 'עד {{count}} הודעות ביום.',
      week_one: 'עד הודעה אחת בשבוע.',
      week_two: 'עד {{count}} הודעות בשבוע.',
      week_other: 'עד {{count}} הודעות בשבוע.',
      month_one: 'עד הודעה אחת בחודש.',
      month_two: 'עד {{count}} הודעות בחודש.',
      month_other: 'עד {{count}} הודעות בחודש.',
      year_one: 'עד הודעה אחת בשנה.',
      year_two: 'עד {{count}} הודעות בשנה.',
      year_other: 'עד {{count}} הודעות בשנה.',
    },
    optOut: 'אפשר להפסיק בכל עת: השב/י STOP לכל הודעה מ-{{business}}, או השתמש/י בקישור ההעדפות שבהודעות שלנו.',
    optOutWithdrawal: 'אפשר לבטל את ההסכמה בכל עת, בקלות שבה ניתנה: השב/י STOP לכל הודעה מ-{{business}}, או השתמש/י בקישור ההעדפות שבהודעות שלנו.',
    stopHelp: 'השב/י STOP לביטול, HELP לעזרה.',
    rates: 'ייתכנו חיובים על הודעות ונתונים.',
    recipient: '{{channel}} מסופק על ידי {{recipient}}: כדי למסור את ההודעות האלה, {{business}} משתפת את המספר שלך ואת ההודעות עם {{recipient}}.',
    notConditional: 'ההסכמה שלך אינה תנאי לשום רכישה.',
    privacyLink: 'הודעת פרטיות',
    termsLink: 'תנאי ההודעות',
  },
  form: {
    phoneLabel: 'מספר נייד',
    phoneOptionalLabel: 'שתף/י את המספר שלך (לא חובה)',
    countryLabel: 'מדינה',
    noCountry: 'בינלאומי (+)',
    countryButton: 'מדינה: {{country}} {{dialCode}}',
    countryButtonNone: 'מדינה: ללא, מספר בינלאומי',
    countrySearchLabel: 'חיפוש מדינה לפי שם או קידומת',
    countryResults_one: 'נמצאה מדינה אחת',
    countryResults_two: 'נמצאו {{count}} מדינות',
    countryResults_other: 'נמצאו {{count}} מדינות',
    countryNoResults: 'אין מדינה שמתאימה ל„{{query}}”.',
    preferredCountries: 'מוצעות',
    allCountries: 'כל המדינות',
    categoriesLegend: 'מה ברצונך לקבל?',
    whatsappBadge: 'WhatsApp',
    submit: 'הרשמה',
    sending: 'שולח…',
    queued: 'נשמר במכשיר הזה. יישלח אוטומטית ברגע שהחיבור יחזור.',
    success: 'תודה! הבחירה שלך נשמרה.',
    failed: 'לא הצלחנו לשמור את הבחירה שלך. נסה/י שוב.',
    textChanged: 'נוסח ההסכמה השתנה בהתאם למדינה של המספר שלך. נא לקרוא אותו ולסמן שוב.',
  },
  error: {
    noCategory: 'סמן/י לפחות סוג הודעה אחד כדי להירשם.',
    requiredCategory: 'סמן/י את „{{label}}” כדי להירשם.',
    phone: {
      required: 'הזן/י את מספר הנייד שלך.',
      'too-short': 'המספר קצר מדי.',
      'too-long': 'המספר ארוך מדי.',
      'invalid-country': 'בחר/י את המדינה שלך, או התחל/י את המספר ב-+ ובקידומת המדינה.',
      invalid: 'המספר אינו תקין. בדוק/י אותו ואת המדינה.',
      invalidForCountry: 'המספר אינו תקין עבור {{country}}. בדוק/י אותו ואת המדינה.',
      'not-mobile': 'הזן/י מספר נייד: זה מספר נייח או קו מסוג אחר.',
      pending: 'בודקים את המספר… נסה/י שוב בעוד רגע.',
      unavailable: 'אי אפשר לבדוק את המספר כרגע. טען/י מחדש את הדף ונסה/י שוב.',
    },
  },
  config: {
    title: 'טופס ההרשמה הזה אינו מוגדר כראוי',
    hint: 'רק מחבר/ת הדף רואה הודעה זו. הפרטים במסוף הדפדפן.',
  },
} satisfies LocaleResource;
