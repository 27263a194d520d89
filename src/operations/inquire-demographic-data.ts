import { customerByAccountOrCard, customerByNumber } from '../domain/customer-address.js';
import type { Customer } from '../domain/model.js';
import { organizationOf } from '../domain/organizations.js';
import { codeOf, digitsOf, isOrganizationGiven } from '../domain/values.js';
import { fail } from '../domain/errors.js';
import type { Handler } from './types.js';
import { demographicRow } from './views/party-views.js';

export const inquireDemographicData: Handler<'inquireDemographicData'> = ({ body }, ctx) => {
  // The contract limits numberType and foreignUseIndicator to 0, 1 or blank.
  const numberType = codeOf(body.numberType);
  const number = digitsOf(body.customerAccountCardNumber);
  if (!number) return fail('NUMBER_REQUIRED');

  let customer: Customer;
  if (numberType === '1') {
    if (!isOrganizationGiven(body.organizationNumber)) fail('ORG_REQUIRED');
    const org = organizationOf(ctx.organizations, body.organizationNumber);
    customer = customerByNumber(ctx.store, number, org.organizationNumber);
  } else {
    customer = customerByAccountOrCard(ctx.store, number, ctx.organizations.map((o) => o.organizationNumber)).customer;
  }
  return {
    status: 200,
    data: {
      organizationNumber: customer.organizationNumber,
      customerNumber: customer.customerNumber,
      addStatus: 0,
      status: customer.status,
      source: customer.source,
      dateLastMaintenance: customer.dateLastMaintenance,
      ...(customer.dateLastAddressChange ? { dateLastAddressChange: customer.dateLastAddressChange } : {}),
      vipStatus: String(customer.vipStatus),
      sicCode: customer.sicCode,
      makerCoMakerIndicator: String(customer.coOwnerIndicator),
      nameAddrData: [demographicRow(customer.owner, 1), ...(customer.coOwner ? [demographicRow(customer.coOwner, 2)] : [])],
    },
  };
};
