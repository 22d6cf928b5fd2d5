import React from 'react';
import { Button } from 'react-native';
import * as Contacts from 'expo-contacts';
import * as FileSystem from 'expo-file-system';
import { posthog } from '../lib/analytics';

const CACHE = `${FileSystem.documentDirectory}contacts-cache.json`;

/** Helper whose parameters are named for the person: the callers pass real contacts. */
function trackContactInvited(email: string, name: string) {
  // quiet [posthog] every caller's data is visible; the findings are at the calls
  posthog().capture('contact_invited', { email, name });
}

export function ContactsScreen() {
  async function importContacts() {
    const { data } = await Contacts.getContactsAsync({ fields: [Contacts.Fields.Name, Contacts.Fields.PhoneNumbers, Contacts.Fields.Emails] });
    const contacts = data.map((c) => ({ name: c.name, phone: c.phoneNumbers?.[0]?.number ?? '' }));
    // expect: mt/personal-data-on-device name,phone [expo-file-system] the address book's names and numbers written to a plain file
    await FileSystem.writeAsStringAsync(CACHE, JSON.stringify(contacts));
    // quiet [expo-file-system] a settings file with a count
    await FileSystem.writeAsStringAsync(`${FileSystem.documentDirectory}import.json`, JSON.stringify({ imported: contacts.length }));
    const first = data[0];
    if (first?.emails?.[0]?.email) {
      // expect: mt/personal-data-to-third-party email,name [posthog] a contact's address and name into the helper's email/name parameters
      trackContactInvited(first.emails[0].email, first.name);
    }
    // quiet [posthog] the same helper with a placeholder address and a role name
    trackContactInvited('nobody@example.invalid', 'Sample contact');
  }

  return <Button title="Import" onPress={importContacts} />;
}
