import { createApp } from 'vue';
import 'optin-elements/define.js';
import App from './App.vue';

createApp(App).mount('#app');
