import { Router } from 'express';

export const checkout = Router();

checkout.post('/guest', (req, res) => {
  const { email, cartId } = req.body as { email: string; cartId: string };
  // expect: mt/personal-data-on-device email [express-cookie] the guest's email set as a cookie on their browser
  res.cookie('guest_email', email, { maxAge: 7 * 24 * 3600 * 1000, httpOnly: true });
  // quiet [express-cookie] the cart id
  res.cookie('cart', cartId, { httpOnly: true });
  res.status(204).end();
});
