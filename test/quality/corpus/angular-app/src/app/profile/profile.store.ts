import { Injectable } from '@angular/core';

const KEY = 'profile-draft';

/** Keeps an unsaved profile draft across reloads. */
@Injectable({ providedIn: 'root' })
export class ProfileStore {
  remember(draft: { phone: string; address: string }) {
    // expect: mt/personal-data-on-device phone,postal-address [web-storage] the phone and home address in sessionStorage
    sessionStorage.setItem(KEY, JSON.stringify({ phone: draft.phone, address: draft.address }));
  }

  rememberTab(tab: 'contact' | 'security') {
    // quiet [web-storage] which tab was open
    sessionStorage.setItem('profile-tab', tab);
  }

  clear() {
    sessionStorage.removeItem(KEY);
  }
}
