// How a stored party reads in each response layout of the contract. A field the party never had is
// left undefined rather than left out: JSON leaves it out all the same, and every row of a layout
// then has the one shape, so the answer's validation and serialisation read it without looking up
// each row's own layout (rows of varying shapes made both several times slower).
import type { Party, PriorAddress } from '../../domain/model.js';

const str = (v: string | number | undefined) => (v === undefined ? undefined : String(v));

/** A nameAddrData row of the demographic inquiry. */
export const demographicRow = (p: Party, sequence: number) =>
  ({
    sequence,
    relativeName: p.relativeName,
    title: p.title,
    identificationNumberFlag: str(p.identificationNumberFlag),
    identificationNumber: p.identificationNumber,
    homePhoneNumber: p.homePhoneNumber,
    employerName: p.employerName,
    employerAddress1: p.employerAddress1,
    employerAddress2: p.employerAddress2,
    employerPhoneFlag: str(p.employerPhoneFlag),
    employerPhoneNumber: p.employerPhoneNumber,
    employerExtensionPhoneNumber: p.employerExtensionPhoneNumber,
    homeFaxPhoneNumber: p.homeFaxPhoneNumber,
    mobilePhoneNumber: p.mobilePhoneNumber,
    countryCode: p.countryCode,
    postalCode: p.postalCode,
    position: p.position,
    maritalStatus: p.maritalStatus,
    ownOrRentResidenceFlag: str(p.ownOrRentResidenceFlag),
    languageIndicator: p.languageIndicator,
    carrierRoute:
      p.carrierRoute1and2 !== undefined || p.carrierRoute3and4 !== undefined
        ? ({ carrierRoute1and2: p.carrierRoute1and2, carrierRoute3and4: p.carrierRoute3and4 })
        : undefined,
    mailingList: p.mailingList,
    dateOfBirth: p.dateOfBirth,
    foreignIndicator: p.foreignIndicator,
    driverLicense:
      p.driverLicenseNumber !== undefined || p.driverLicenseState !== undefined || p.driverLicenseCountry !== undefined
        ? ({ driverLicenseCountry: p.driverLicenseCountry, driverLicenseState: p.driverLicenseState, driverLicenseNumber: p.driverLicenseNumber })
        : undefined,
    numberOfDependents: p.numberOfDependents,
    statementMessageIndicator: p.statementMessageIndicator,
    email: p.email,
    user1: p.user1, user2: p.user2, user3: p.user3, user4: p.user4, user5: p.user5, user6: p.user6, user7: p.user7,
    user8: p.user8, user9: p.user9, user10: p.user10, user11: p.user11, user12: p.user12, user13: p.user13,
    user14: p.user14, user15: p.user15,
    demographic1: p.demographic1, demographic2: p.demographic2, demographic3: p.demographic3,
    nameTypeIndicator: ({
      nameTypeIndicator1: str(p.nameTypeIndicator1),
      nameTypeIndicator2: str(p.nameTypeIndicator2),
      nameTypeIndicator3: str(p.nameTypeIndicator3),
    }),
    nameAddressData: ({
      nameLine1: p.nameLine1, nameLine2: p.nameLine2, nameLine3: p.nameLine3,
      houseNumber: p.houseNumber, houseName: p.houseName,
      houseAddress1: p.houseAddress1, houseAddress2: p.houseAddress2, houseAddress3: p.houseAddress3, houseAddress4: p.houseAddress4,
      cityAndState: [p.city, p.state].filter(Boolean).join(' ').slice(0, 40) || undefined,
      memo1: p.memo1, memo2: p.memo2,
      contactIndicator: p.contactIndicator, genderCode: p.genderCode,
    }),
    homePhoneFlag: str(p.homePhoneFlag),
    faxPhoneFlag: str(p.faxPhoneFlag),
    mobilePhoneFlag: str(p.mobilePhoneFlag),
    emailFlag: str(p.emailFlag),
    smsFlag: str(p.smsFlag),
    lastName: p.lastName,
    middleName: p.middleName,
    firstName: p.firstName,
    suffix: p.suffix,
    county: p.county,
  });

/** A nameAddressTable row of the current/prior address inquiry. */
export const currentAddressRow = (p: Party, ownerCoOwnerFlag: 1 | 2) =>
  ({
    ownerCoOwnerFlag,
    homeTelephone: p.homePhoneNumber,
    homeTelephoneFlag: p.homePhoneFlag,
    workTelephone: p.employerPhoneNumber,
    workPhoneExtension: p.employerExtensionPhoneNumber,
    workPhoneFlag: p.employerPhoneFlag,
    faxNumber: p.homeFaxPhoneNumber,
    faxFlag: p.faxPhoneFlag,
    mobilePhone: p.mobilePhoneNumber,
    mobilePhoneFlag: p.mobilePhoneFlag,
    countryCode: p.countryCode,
    postalCode: p.postalCode,
    languageIndicator: p.languageIndicator,
    mailingList: p.mailingList,
    statementMessageIndicator: str(p.statementMessageIndicator),
    dateOfBirth: p.dateOfBirth,
    email: p.email,
    emailFlag: p.emailFlag,
    userData: ({
      userDefined1: p.user1, userDefined2: p.user2, userDefined3: p.user3, userDefined4: p.user4, userDefined5: p.user5,
      userDefined6: p.user6, userDefined7: p.user7, userDefined8: p.user8, userDefined9: p.user9, userDefined10: p.user10,
      userDefined11: p.user11, userDefined12: p.user12, userDefined13: p.user13,
      userDefinedDemographic1: p.demographic1, userDefinedDemographic2: p.demographic2, userDefinedDemographic3: p.demographic3,
    }),
    addressData: ({
      nameTypeIndicator1: str(p.nameTypeIndicator1),
      nameTypeIndicator2: str(p.nameTypeIndicator2),
      nameTypeIndicator3: str(p.nameTypeIndicator3),
      nameLine1: p.nameLine1, nameLine2: p.nameLine2, nameLine3: p.nameLine3,
      houseNumber: p.houseNumber, houseName: p.houseName,
      addressLine1: p.houseAddress1, addressLine2: p.houseAddress2, addressLine3: p.houseAddress3, addressLine4: p.houseAddress4,
      city: p.city, stateProvince: p.state,
      employer: p.employerName, employerAddress1: p.employerAddress1, employerAddress2: p.employerAddress2,
      shortMessageServiceFlag: str(p.smsFlag),
    }),
  });

/** A priorMailer row of the current/prior address inquiry. */
export const priorAddressRow = ({ role, changedOn, party: p }: PriorAddress) =>
  ({
    ownerCoOwnerFlag: role === 'owner' ? (1 as const) : (2 as const),
    pmDate: changedOn,
    pmStatementMessageIndicator: str(p.statementMessageIndicator),
    pmLanguageIndicator: p.languageIndicator,
    pmHomePhone: p.homePhoneNumber,
    pmWorkPhone: p.employerPhoneNumber,
    pmWorkPhoneExtension: p.employerExtensionPhoneNumber,
    pmFaxNumber: p.homeFaxPhoneNumber,
    pmMobilePhoneNumber: p.mobilePhoneNumber,
    pmEmailAddress: p.email,
    pmNameTypeIndicator1: str(p.nameTypeIndicator1),
    pmNameTypeIndicator2: str(p.nameTypeIndicator2),
    pmNameTypeIndicator3: str(p.nameTypeIndicator3),
    pmNameLine1: p.nameLine1, pmNameLine2: p.nameLine2, pmNameLine3: p.nameLine3,
    pmHouseNumber: p.houseNumber, pmHouseName: p.houseName,
    pmAddressLine1: p.houseAddress1, pmAddressLine2: p.houseAddress2, pmAddressLine3: p.houseAddress3, pmAddressLine4: p.houseAddress4,
    pmCity: p.city,
    pmStateProvince: p.state,
    pmPostalCode: p.postalCode,
    pmHomeTelephoneFlag: str(p.homePhoneFlag),
    pmWorkPhoneFlag: str(p.employerPhoneFlag),
    pmFaxFlag: str(p.faxPhoneFlag),
    pmMobilePhoneFlag: str(p.mobilePhoneFlag),
    pmEmailFlag: str(p.emailFlag),
  });
