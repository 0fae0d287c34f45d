import { recognizeReply } from 'optin-elements/core';

recognizeReply('  ARRÊTER. ', { locale: 'fr' }); // { intent: 'stop', keyword: 'arrêter', locale: 'fr' }
recognizeReply('baja'); // { intent: 'stop', keyword: 'baja', locale: 'es' }
recognizeReply('Stop promotions'); // { intent: 'stop', keyword: 'stop promotions', locale: 'en' }
recognizeReply('START'); // { intent: 'resume', keyword: 'start', locale: 'en' }
recognizeReply('HELP'); // { intent: 'help', keyword: 'help', locale: 'en' }
recognizeReply("don't stop"); // { intent: 'possible-opt-out', keyword: 'stop', locale: 'en' }
