// A checkout form that "remembers" the card between visits.
import { useState } from 'react';

export function CheckoutForm() {
  const [cardNumber, setCardNumber] = useState('');
  const [cvv, setCvv] = useState('');
  const [fileName] = useState('receipt.pdf');

  const remember = () => {
    // Flagged (error): a card number and its security code stored unencrypted on the device.
    localStorage.setItem('checkout', JSON.stringify({ cardNumber, cvv }));
    // Not flagged: a file name is not personal data.
    sessionStorage.setItem('lastReceipt', fileName);
  };

  return (
    <form onSubmit={remember}>
      <input value={cardNumber} onChange={(e) => setCardNumber(e.target.value)} />
      <input value={cvv} onChange={(e) => setCvv(e.target.value)} />
    </form>
  );
}
