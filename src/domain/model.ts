// The sandbox's own record shapes. Wire shapes live in src/generated/openapi.d.ts;
// operations translate between the two so storage never depends on a response layout.

/** A decimal identifier of 1 to 19 digits, always kept as a string so no digit is lost. */
export type Digits = string;

export type ProductType = 'credit' | 'debit' | 'prepaid' | 'wallet';

/** One name-and-address record: the owner's or the co-owner's. Absent fields were never given. */
export interface Party {
  title?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  suffix?: string;
  nameLine1?: string;
  nameLine2?: string;
  nameLine3?: string;
  nameTypeIndicator1?: number;
  nameTypeIndicator2?: number;
  nameTypeIndicator3?: number;
  houseNumber?: string;
  houseName?: string;
  houseAddress1?: string;
  houseAddress2?: string;
  houseAddress3?: string;
  houseAddress4?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  countryCode?: string;
  county?: string;
  carrierRoute1and2?: string;
  carrierRoute3and4?: number;
  homePhoneNumber?: string;
  homePhoneFlag?: number;
  homeFaxPhoneNumber?: string;
  faxPhoneFlag?: number;
  mobilePhoneNumber?: string;
  mobilePhoneFlag?: number;
  email?: string;
  emailFlag?: number;
  smsFlag?: number;
  employerName?: string;
  employerAddress1?: string;
  employerAddress2?: string;
  employerPhoneNumber?: string;
  employerExtensionPhoneNumber?: string;
  employerPhoneFlag?: number;
  position?: string;
  relativeName?: string;
  numberOfDependents?: number;
  dateOfBirth?: string;
  dateOfFile?: string;
  driverLicenseNumber?: string;
  driverLicenseState?: string;
  driverLicenseCountry?: string;
  identificationNumber?: string;
  identificationNumberFlag?: number;
  maritalStatus?: string;
  genderCode?: number;
  ownOrRentResidenceFlag?: number;
  foreignIndicator?: string;
  languageIndicator?: string;
  mailingList?: string;
  contactIndicator?: number;
  statementMessageIndicator?: number;
  memo1?: string;
  memo2?: string;
  user1?: string;
  user2?: string;
  user3?: string;
  user4?: string;
  user5?: string;
  user6?: string;
  user7?: string;
  user8?: string;
  user9?: string;
  user10?: string;
  user11?: string;
  user12?: string;
  user13?: string;
  user14?: string;
  user15?: string;
  demographic1?: string;
  demographic2?: string;
  demographic3?: string;
}

export type PartyRole = 'owner' | 'coOwner';

/** An address a party used before an update moved it; newest first on the customer. */
export interface PriorAddress {
  role: PartyRole;
  /** The day the address stopped being current (YYYY-MM-DD). */
  changedOn: string;
  party: Party;
}

export interface Customer {
  organizationNumber: number;
  customerNumber: Digits;
  /** 0 active, 1 inactive, 2 closed (the platform's customer status). */
  status: number;
  vipStatus: number;
  sicCode: number;
  /** 1 maker, 2 co-maker. */
  coOwnerIndicator: number;
  dualFlag: string;
  owner: Party;
  coOwner?: Party;
  priorAddresses: PriorAddress[];
  createdOn: string;
  dateLastMaintenance: string;
  dateLastAddressChange?: string;
  /** Where the record came from: 'S' seeded, 'A' added through the API. */
  source: 'S' | 'A';
  reserved?: Record<string, string | number>;
}

/** 0 the account's primary customer, 1 a secondary (co-maker) customer. */
export interface AccountHolder {
  customerNumber: Digits;
  associationType: number;
}

export interface Account {
  organizationNumber: number;
  accountNumber: Digits;
  logo: number;
  productType: ProductType;
  /** One-letter internal status: A active, B blocked, C closed, N new. */
  status: string;
  blockCode1: string;
  blockCode2: string;
  holders: AccountHolder[];
  relationshipNumber?: Digits;
  shortName: string;
  billingCycle: number;
  creditLimit: number;
  currentBalance: number;
  dollarBalance: number;
  memoCredits: number;
  memoDebits: number;
  minimumPayment: number;
  paymentDueDate: string;
  dateLastCycle: string;
  openedOn: string;
}

export interface Card {
  organizationNumber: number;
  cardNumber: Digits;
  accountNumber: Digits;
  customerNumber: Digits;
  logo: number;
  /** The card's issue sequence within its account, starting at 1. */
  sequence: number;
  /** Last day of validity (YYYY-MM-DD). */
  expiryDate: string;
  /** Blank when the card can be used. */
  blockCode: string;
}

export interface Relationship {
  organizationNumber: number;
  relationshipNumber: Digits;
  customerNumber: Digits;
  name: string;
  creditLimit: number;
}

export type NumberKind = 'customer' | 'account' | 'card' | 'relationship';

/** A number handed out once; it is never generated again for the same tenant. */
export interface Reservation {
  kind: NumberKind;
  number: Digits;
  organizationNumber: number;
  logo?: number;
  /** 'generation' when reserved by /customer/generation and not used yet, 'used' once an entity holds it. */
  state: 'generation' | 'used';
  reservedOn: string;
}

export interface Logo {
  logo: number;
  description: string;
  productType: ProductType;
  /** The six-digit issuer prefix of this logo's card numbers. */
  bin: string;
}

export interface Organization {
  organizationNumber: number;
  name: string;
  /** The organization that holds the dollar side of dual-currency accounts, if any. */
  foreignOrganizationNumber?: number;
  logos: Logo[];
}

/** Everything one sandbox tenant owns; one of these per lowdb file. */
export interface TenantData {
  dataVersion: number;
  seed: number;
  customers: Customer[];
  accounts: Account[];
  cards: Card[];
  relationships: Relationship[];
  reservations: Reservation[];
  /** Next sequence to try per number series, so generated numbers move forward only. */
  counters: Record<string, number>;
  fixtures: Fixture[];
  /** The tenant's test clock (YYYY-MM-DD): its business date instead of today's, until cleared. */
  clock?: string;
}

/** A documented record partners can rely on, with what it is for. */
export interface Fixture {
  name: string;
  purpose: string;
  organizationNumber: number;
  customerNumber: Digits;
  accountNumbers: Digits[];
  cardNumbers: Digits[];
  relationshipNumber?: Digits;
}
