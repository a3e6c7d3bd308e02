"""Place names a humanitarian record names all the time: countries and territories, their
regions and the cities where coordination bodies meet. Words of these are never taken
for a person's name by the unknown-name check (`record.unknown`). Data as code."""

from __future__ import annotations

PLACES = """
Afghanistan Albania Algeria Andorra Angola Antigua Barbuda Argentina Armenia Australia
Austria Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin
Bhutan Bolivia Bosnia Herzegovina Botswana Brazil Brunei Bulgaria Burkina Faso Burundi
Cabo Verde Cambodia Cameroon Canada Central African Republic Chad Chile China Colombia
Comoros Congo Costa Rica Côte d'Ivoire Ivoire Croatia Cuba Cyprus Czechia Denmark
Djibouti Dominica Dominican Ecuador Egypt Salvador Equatorial Guinea Eritrea Estonia
Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada
Guatemala Guinea Bissau Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq
Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati Korea Kosovo Kuwait
Kyrgyzstan Lao Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania
Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Marshall Mauritania Mauritius
Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Burma
Namibia Nauru Nepal Netherlands Zealand Nicaragua Niger Nigeria Macedonia Norway Oman
Pakistan Palau Palestine Gaza Panama Papua Paraguay Peru Philippines Poland Portugal
Qatar Romania Russia Rwanda Kitts Nevis Lucia Vincent Grenadines Samoa Marino Tome
Principe Saudi Arabia Senegal Serbia Seychelles Sierra Leone Singapore Slovakia Slovenia
Solomon Somalia Somaliland Puntland Sudan Spain Sri Lanka Suriname Sweden Switzerland
Syria Syrian Tajikistan Tanzania Thailand Timor Leste Togo Tonga Trinidad Tobago Tunisia
Türkiye Turkey Turkmenistan Tuvalu Uganda Ukraine Emirates Kingdom Uruguay Uzbekistan
Vanuatu Venezuela Viet Nam Vietnam Yemen Zambia Zimbabwe Rohingya Sahel Darfur Tigray
Donbas Idlib Aleppo Kismayo Mogadishu Baidoa Cox's Bazar Rakhine Kachin Shan Sittwe Kayin
Kayah Chin Mon Sagaing Magway Bago Ayeyarwady Tanintharyi
Geneva Genève Nairobi Dakar Panama Bangkok Amman Cairo Beirut Damascus Istanbul Gaziantep
Kabul Kandahar Herat Islamabad Peshawar Dhaka Yangon Naypyitaw Mandalay Juba Khartoum
Addis Ababa Kinshasa Goma Bangui Bamako Niamey Ouagadougou Maiduguri Abuja Lagos Kampala
Kigali Dodoma Lilongwe Maputo Harare Lusaka Johannesburg Pretoria Antananarivo Sana'a Aden
Hodeidah Baghdad Erbil Mosul Tripoli Benghazi Kyiv Kiev Kharkiv Odesa Port-au-Prince
Caracas Bogotá Bogota Quito Lima Tegucigalpa Manila Jakarta Suva Brussels Rome Paris
London Copenhagen Stockholm Oslo Berlin Bonn Vienna Washington York Tokyo Beijing Delhi
Africa Asia Europe America Americas Latin Caribbean Pacific Atlantic Mediterranean Arab
Middle East West North South Horn Great Lakes Balkans Caucasus Levant Maghreb Sahara
Andes Amazon Mekong Himalaya Himalayas Sub-Saharan Saharan Eastern Western Northern
Southern Central
"""

PLACE_WORDS = frozenset(w.casefold() for w in PLACES.split())
