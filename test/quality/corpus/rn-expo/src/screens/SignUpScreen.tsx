import React, { useState } from 'react';
import { Button, TextInput, View } from 'react-native';
import AsyncStorage from '@react-native-async-storage/async-storage';
import * as Sentry from '@sentry/react-native';
import { storage } from '../lib/storage';
import { api, intercomApi } from '../lib/http';
import { useAnalytics } from '../providers/AnalyticsProvider';

export function SignUpScreen({ onDone }: { onDone: () => void }) {
  const analytics = useAnalytics();
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [fullName, setFullName] = useState('');
  const [birthday, setBirthday] = useState('');

  async function submit() {
    const { data } = await api.post('/signup', { email, phone, fullName, birthday });
    // quiet [async-storage] an access token is not contact data (the inventory covers contact and identity data)
    await AsyncStorage.setItem('auth.token', data.token);
    // expect: mt/personal-data-on-device email,phone [async-storage] email and phone cached in AsyncStorage
    await AsyncStorage.setItem('profile', JSON.stringify({ email, phone }));
    // expect: mt/personal-data-on-device name [react-native-mmkv] the full name in MMKV
    storage.set('profile.fullName', fullName);
    // expect: mt/personal-data-on-device date-of-birth [react-native-mmkv] the birthday in MMKV
    storage.set('profile.birthday', birthday);
    // quiet [react-native-mmkv] an onboarding step number
    storage.set('onboarding.step', 2);
    // expect: mt/personal-data-in-logs email [console] a debugging line with the address
    console.log('signed up', email);
    // quiet [console] a status code
    console.log('signup status', data.status);
    // expect: mt/personal-data-to-third-party email,name [posthog] identify through a context hook over a lazily made client
    analytics.identify(data.userId, { email, name: fullName });
    // quiet [posthog] an event with the signup method
    analytics.capture('signed_up', { method: 'email' });
    // expect: mt/personal-data-to-third-party email,name [intercom] an axios instance with Intercom's baseURL and a relative path
    await intercomApi.post('/contacts', { role: 'user', external_id: data.userId, email, name: fullName });
    // quiet [intercom] the same shape to our own backend's axios instance
    await api.post('/profile', { email, phone });
    onDone();
  }

  async function loadMe() {
    const { data: user } = await api.get('/me');
    // expect: mt/personal-data-to-third-party email,name [sentry] the untyped user object from our API (inferred categories)
    Sentry.setUser(user);
  }

  return (
    <View>
      <TextInput value={email} onChangeText={setEmail} autoComplete="email" />
      <TextInput value={phone} onChangeText={setPhone} autoComplete="tel" />
      <TextInput value={fullName} onChangeText={setFullName} />
      <TextInput value={birthday} onChangeText={setBirthday} />
      <Button title="Sign up" onPress={submit} />
      <Button title="Me" onPress={loadMe} />
    </View>
  );
}
