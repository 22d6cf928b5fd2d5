import React, { useEffect, useState } from 'react';
import { Text, View } from 'react-native';
import AsyncStorage from '@react-native-async-storage/async-storage';
import { MMKV } from 'react-native-mmkv';

const cache = new MMKV({ id: 'wallet-cache' });

type LinkedAccount = { id: string; institution: string; mask: string; routingNumber: string; accountNumber: string; nickname: string };

export function WalletScreen({ accounts }: { accounts: LinkedAccount[] }) {
  const [primary, setPrimary] = useState<LinkedAccount | undefined>(accounts[0]);

  useEffect(() => {
    if (!primary) return;
    // quiet [react-native-mmkv] the institution name and the mask Plaid returns
    cache.set('primary.display', `${primary.institution} •••• ${primary.mask}`);
    // quiet [async-storage] the account's opaque id
    void AsyncStorage.setItem('wallet.primaryId', primary.id);
    // expect: mt/breach-data-on-device financial-account [async-storage] full account and routing numbers cached for a faster screen
    void AsyncStorage.setItem('wallet.primary', JSON.stringify({ routingNumber: primary.routingNumber, accountNumber: primary.accountNumber }));
    // quiet [react-native-mmkv] the nickname the user gave the account
    cache.set('primary.nickname', primary.nickname);
  }, [primary]);

  return (
    <View>
      {accounts.map((a) => (
        <Text key={a.id} onPress={() => setPrimary(a)}>{a.institution}</Text>
      ))}
    </View>
  );
}
