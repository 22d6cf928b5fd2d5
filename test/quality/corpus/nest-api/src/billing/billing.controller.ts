import { Body, Controller, Param, Put } from '@nestjs/common';
import { BillingService, type BillingAddress } from './billing.service';

class UpdateBillingDto {
  billingAddress!: BillingAddress;
}

@Controller('billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Put(':customerId/address')
  async update(@Param('customerId') customerId: string, @Body() dto: UpdateBillingDto) {
    // expect: mt/personal-data-to-service postal-address [stripe] the customer's billing address into the helper's address parameter
    await this.billing.updateAddress(customerId, dto.billingAddress);
    return { ok: true };
  }
}
