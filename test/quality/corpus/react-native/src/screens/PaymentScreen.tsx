import React, { useState } from 'react';
import { Button, TextInput, View } from 'react-native';
import { MMKV } from 'react-native-mmkv';
import AsyncStorage from '@react-native-async-storage/async-storage';
import Braze from '@braze/react-native-sdk';

const secure = new MMKV({ id: 'payments', encryptionKey: undefined });

export function PaymentScreen({ route }: { route: { params: { orderId: string } } }) {
  const [cardNumber, setCardNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const [cvv, setCvv] = useState('');
  const [saveCard, setSaveCard] = useState(false);

  async function pay() {
    if (saveCard) {
      // expect: mt/breach-data-on-device payment-card [react-native-mmkv] card number stored for next time
      secure.set('card.number', cardNumber);
      // expect: mt/breach-data-on-device payment-card [react-native-mmkv] and its security code
      secure.set('card.cvv', cvv);
    }
    // quiet [react-native-mmkv] the expiry month and year alone are not a card number
    secure.set('card.expiry', expiry);
    // quiet [async-storage] the last four digits
    await AsyncStorage.setItem('card.last4', cardNumber.slice(-4));
    // quiet [braze] a purchase with the order id, no card data
    Braze.logPurchase(route.params.orderId, '19.99', 'USD', 1);
  }

  return (
    <View>
      <TextInput value={cardNumber} onChangeText={setCardNumber} keyboardType="number-pad" />
      <TextInput value={expiry} onChangeText={setExpiry} />
      <TextInput value={cvv} onChangeText={setCvv} secureTextEntry />
      <Button title={saveCard ? 'Saving card' : 'Save card'} onPress={() => setSaveCard(!saveCard)} />
      <Button title="Pay" onPress={pay} />
    </View>
  );
}
