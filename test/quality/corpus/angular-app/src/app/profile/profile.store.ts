import { Injectable } from '@angular/core';

const KEY = 'profile-draft';

/** Keeps an unsaved profile draft across reloads. */
@Injectable({ providedIn: 'root' })
export class ProfileStore {
  remember(draft: Record<string, string>) {
    // quiet [web-storage] the store's own write of whatever it is given: reported at the callers
    sessionStorage.setItem(KEY, JSON.stringify(draft));
  }

  rememberTab(tab: 'contact' | 'security') {
    // quiet [web-storage] which tab was open
    sessionStorage.setItem('profile-tab', tab);
  }

  clear() {
    sessionStorage.removeItem(KEY);
  }
}
