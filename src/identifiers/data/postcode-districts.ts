/**
 * Real UK postcode districts (outward codes), spread over most postcode areas of England, Scotland,
 * Wales and Northern Ireland, so generated postcodes look real. Data only: the inward half of a
 * generated postcode is random. Crown dependencies (GY, JE, IM) are left out as they are not UK.
 */
export const POSTCODE_DISTRICTS: readonly string[] = [
  // London: central (including the AA9A and A9A sub-districts) and inner
  "EC1A", "EC1V", "EC1M", "EC2A", "EC2M", "EC2V", "EC3A", "EC3M", "EC4A", "EC4M", "EC4Y",
  "WC1A", "WC1B", "WC1E", "WC1H", "WC1N", "WC2A", "WC2B", "WC2E", "WC2H", "WC2N",
  "SW1A", "SW1E", "SW1H", "SW1P", "SW1V", "SW1W", "SW1X", "SW1Y",
  "W1A", "W1B", "W1D", "W1F", "W1G", "W1H", "W1J", "W1K", "W1T", "W1U", "W1W",
  "E1", "E1W", "E2", "E3", "E5", "E8", "E14", "E15", "E17",
  "N1", "N1C", "N4", "N7", "N16", "N17", "N22",
  "NW1", "NW3", "NW5", "NW6", "NW10",
  "SE1", "SE5", "SE10", "SE15", "SE18", "SE22",
  "SW2", "SW3", "SW9", "SW11", "SW16", "SW19",
  "W2", "W4", "W6", "W10", "W11", "W12",
  // Greater London outside the London postal area
  "BR1", "CR0", "CR2", "DA1", "EN1", "HA1", "IG1", "KT1", "RM1", "SM1", "TW1", "UB1", "UB8",
  // England
  "AL1", "B1", "B5", "B15", "B29", "B33", "BA1", "BA2", "BB1", "BD1", "BH1", "BL1", "BN1", "BN2", "BN3",
  "BS1", "BS3", "BS8", "BS16", "CA1", "CB1", "CB2", "CB4", "CH1", "CM1", "CO1", "CT1", "CV1", "CW1",
  "DE1", "DH1", "DL1", "DN1", "DN55", "DT1", "DY1", "EX1", "EX4", "FY1", "GL1", "GU1", "HD1", "HG1",
  "HP1", "HR1", "HU1", "HX1", "IP1", "L1", "L8", "L17", "LA1", "LE1", "LN1", "LS1", "LS2", "LS6",
  "LS11", "LU1", "M1", "M13", "M14", "M16", "M20", "ME1", "MK9", "NE1", "NE6", "NG1", "NG7", "NN1",
  "NR1", "OL1", "OX1", "OX2", "OX4", "PE1", "PL1", "PO1", "PR1", "RG1", "RG6", "RH1", "S1", "S2",
  "S10", "S11", "SG1", "SK1", "SL1", "SN1", "SO14", "SP1", "SR1", "SS1", "ST1", "SY1", "TA1", "TF1",
  "TN1", "TQ1", "TR1", "TS1", "WA1", "WD17", "WF1", "WN1", "WR1", "WS1", "WV1", "YO1",
  // Scotland
  "AB10", "AB24", "DD1", "DG1", "EH1", "EH3", "EH8", "EH11", "FK1", "G1", "G3", "G12", "G41", "HS1",
  "IV1", "KA1", "KW1", "KY1", "ML1", "PA1", "PH1", "TD1", "ZE1",
  // Wales
  "CF5", "CF10", "CF24", "LD1", "LL11", "LL57", "NP20", "SA1",
  // Northern Ireland
  "BT1", "BT9",
];
