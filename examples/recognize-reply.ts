import { recognizeReply } from 'optin-elements/core';

recognizeReply('  ARRÊTER. ', { locale: 'fr' }); // { intent: 'stop', keyword: 'arrêter', locale: 'fr' }
recognizeReply('START');                          // { intent: 'resume', keyword: 'start', locale: 'en' }
recognizeReply("don't stop");                     // undefined
