import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Storage } from '@google-cloud/storage';
import { BlobServiceClient } from '@azure/storage-blob';
import { v2 as cloudinary } from 'cloudinary';
import { UTApi } from 'uploadthing/server';
import type { Customer, Order, Product } from '../lib/types';

const s3 = new S3Client({ region: 'us-east-1' });
const BUCKET = 'acme-shop-private';
const gcs = new Storage();
const blobs = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING!);
const utapi = new UTApi();

export async function exportCustomerData(customer: Customer, orders: Order[]) {
  const body = JSON.stringify({ email: customer.email, name: `${customer.firstName} ${customer.lastName}`, address: customer.shippingAddress, orders });
  // expect: mt/personal-data-to-service email,name,postal-address [aws-s3] a data-export file with the customer's contact data
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `exports/${customer.id}.json`, Body: body, ContentType: 'application/json' }));
}

export async function uploadProductImage(product: Product, image: Buffer) {
  // quiet [aws-s3] a product image keyed by SKU
  await s3.send(new PutObjectCommand({ Bucket: 'acme-shop-public', Key: `products/${product.sku}.jpg`, Body: image, ContentType: 'image/jpeg' }));
}

export async function archiveMailingList(customers: Customer[]) {
  const csv = customers.map((c) => `${c.email},${c.firstName},${c.lastName}`).join('\n');
  // expect: mt/personal-data-to-service email,name [aws-s3] a multipart upload of the mailing list
  await new Upload({ client: s3, params: { Bucket: BUCKET, Key: `lists/${Date.now()}.csv`, Body: csv } }).done();
}

export async function resumeUploadUrl(applicant: { email: string }) {
  // expect: mt/personal-data-to-service email [aws-s3] a presigned upload URL whose key is the applicant's address
  return getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: `resumes/${applicant.email}.pdf` }), { expiresIn: 300 });
}

export async function invoiceDownloadUrl(invoiceId: string) {
  // quiet [aws-s3] a presigned download of an invoice by id
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: `invoices/${invoiceId}.pdf` }), { expiresIn: 60 });
}

export async function backupCustomerToGcs(customer: Customer) {
  // expect: mt/personal-data-to-service date-of-birth,email,name,phone,postal-address [google-cloud-storage] the whole typed customer record as a file
  await gcs.bucket('acme-backups').file(`customers/${customer.id}.json`).save(JSON.stringify(customer));
  // quiet [google-cloud-storage] a build artefact
  await gcs.bucket('acme-static').upload('./dist/widget.js', { destination: 'widget/v3.js' });
}

export async function storeKyc(customer: Customer) {
  const container = blobs.getContainerClient('kyc');
  const kyc = JSON.stringify({ name: `${customer.firstName} ${customer.lastName}`, dateOfBirth: customer.dateOfBirth, address: customer.shippingAddress });
  // expect: mt/personal-data-to-service date-of-birth,name,postal-address [azure-blob-storage] identity-check data in a blob
  await container.getBlockBlobClient(`${customer.id}.json`).upload(kyc, kyc.length);
  // quiet [azure-blob-storage] a thumbnail of a product
  await blobs.getContainerClient('thumbs').getBlockBlobClient('p-1.webp').uploadData(Buffer.alloc(0));
}

export async function uploadAvatar(customer: Customer, path: string) {
  // expect: mt/personal-data-to-service name [cloudinary] the customer's name as the image caption
  await cloudinary.uploader.upload(path, { folder: 'avatars', public_id: customer.id, context: { caption: `${customer.firstName} ${customer.lastName}` } });
  // quiet [cloudinary] a product photo with the product title
  await cloudinary.uploader.upload('./assets/mug.png', { folder: 'products', public_id: 'mug', context: { caption: 'Acme mug' } });
}

export async function stashProfile(customer: Customer) {
  const file = new File([JSON.stringify({ email: customer.email, phone: customer.phone })], `${customer.id}.json`);
  // expect: mt/personal-data-to-service email,phone [uploadthing] a profile file uploaded through UTApi
  await utapi.uploadFiles(file);
  // quiet [uploadthing] deleting a file by key
  await utapi.deleteFiles(`${customer.id}-old.json`);
}
