import { defineStore } from 'pinia';
import * as Sentry from '@sentry/vue';
import { useOneSignal } from '@onesignal/onesignal-vue3';

export const useUserStore = defineStore('user', {
  state: () => ({ id: '', email: '', phone: '', displayName: '', notificationsOn: false }),
  actions: {
    async load() {
      const me = await fetch('/api/me').then((r) => r.json());
      this.$patch(me);
      // expect: mt/personal-data-to-third-party email,name [sentry] the store's profile on the Sentry user
      Sentry.setUser({ id: me.id, email: me.email, username: me.displayName });
    },
    async enableSms() {
      const oneSignal = useOneSignal();
      // expect: mt/personal-data-to-third-party phone [onesignal] the phone number for SMS notifications
      await oneSignal.User.addSms(this.phone);
      // quiet [onesignal] the external id
      await oneSignal.login(this.id);
      this.notificationsOn = true;
    },
  },
});
