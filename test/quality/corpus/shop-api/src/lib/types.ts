export interface Customer {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  shippingAddress: { line1: string; city: string; zip: string; country: string };
  dateOfBirth?: string;
}

export interface Order {
  id: string;
  customerId: string;
  customerEmail: string;
  customerName: string;
  totalCents: number;
  currency: 'usd' | 'eur';
  items: { sku: string; qty: number; priceCents: number }[];
}

export interface Product {
  id: string;
  sku: string;
  title: string;
  description: string;
  priceCents: number;
  imageUrl: string;
}
