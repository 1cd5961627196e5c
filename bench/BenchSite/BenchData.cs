using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Web.UI.WebControls;

namespace BenchSite
{
    /// <summary>
    /// The one data set every variant of the benchmark serves: 50 countries of 20 to 200 cities each and
    /// the 20 orders of the page's grid, generated from a fixed seed by a generator written here, so the
    /// same names come out on every runtime and every run.
    /// </summary>
    public static class BenchData
    {
        private const uint Seed = 20261122;

        private static readonly string[] Syllables =
        {
            "ba", "bel", "ca", "dor", "el", "fa", "gar", "hal", "in", "ka", "lin", "mar", "no", "or", "pa",
            "ril", "sa", "ter", "ul", "va", "win", "za", "bro", "ste", "mon", "ver", "lo", "ran", "dal", "kes",
        };

        private static readonly string[] CitySuffixes = { "", "", "", "burg", "ton", "ville", "stad", "port", "field", "haven" };
        private static readonly string[] CityPrefixes = { "New ", "Port ", "San ", "Upper ", "Lower ", "Saint " };
        private static readonly string[] CountrySuffixes = { "ia", "land", "stan", "ora", "eria", "ar" };

        /// <summary>Gets the countries in display order (by name).</summary>
        public static IReadOnlyList<Country> Countries { get; }

        /// <summary>Gets the orders the page's grid shows.</summary>
        public static IReadOnlyList<Order> Orders { get; }

        private static readonly Dictionary<string, Country> ByCode;

        static BenchData()
        {
            var random = new Generator(Seed);
            var countryNames = new HashSet<string>(StringComparer.Ordinal);
            var codes = new HashSet<string>(StringComparer.Ordinal);
            var cityNames = new HashSet<string>(StringComparer.Ordinal); // unique across countries: every first city differs
            var countries = new List<Country>();
            int cityId = 2000000;
            while (countries.Count < 50)
            {
                string name = Capitalize(Word(random, 2 + random.Next(2)) + CountrySuffixes[random.Next(CountrySuffixes.Length)]);
                if (!countryNames.Add(name)) continue;
                string code = CodeFor(name, codes);
                int count = 20 + random.Next(181);
                var cities = new List<City>(count);
                while (cities.Count < count)
                {
                    string city = Capitalize(Word(random, 2 + random.Next(2)) + CitySuffixes[random.Next(CitySuffixes.Length)]);
                    if (random.Next(10) == 0) city = CityPrefixes[random.Next(CityPrefixes.Length)] + city;
                    if (!cityNames.Add(city)) continue;
                    cityId += 1 + random.Next(50);
                    cities.Add(new City(city, cityId.ToString(CultureInfo.InvariantCulture)));
                }
                cities.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                countries.Add(new Country(code, name, cities));
            }
            countries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            Countries = countries;
            ByCode = countries.ToDictionary(c => c.Code, StringComparer.Ordinal);

            var orders = new List<Order>();
            string[] products = { "Blue widget, large", "Gear assembly 40T", "Steel bracket (pack of 10)", "Cable harness 2 m", "Sensor module v3" };
            string[] statuses = { "Shipped", "Packed", "Awaiting payment", "Delivered" };
            for (int i = 0; i < 20; i++)
            {
                var country = countries[random.Next(countries.Count)];
                var city = country.Cities[random.Next(country.Cities.Count)];
                int quantity = 1 + random.Next(40);
                decimal price = (random.Next(99900) + 100) / 100m;
                orders.Add(new Order
                {
                    OrderId = 10248 + i,
                    OrderDate = new DateTime(2026, 1, 1).AddDays(random.Next(300)),
                    Customer = Capitalize(Word(random, 2)) + " " + Capitalize(Word(random, 3)),
                    Email = Word(random, 2) + "." + Word(random, 2) + "@example.com",
                    ShipTo = city.Name + ", " + country.Name,
                    Product = products[random.Next(products.Length)],
                    Quantity = quantity,
                    UnitPrice = price,
                    Total = quantity * price,
                    Status = statuses[random.Next(statuses.Length)],
                });
            }
            Orders = orders;
        }

        /// <summary>Finds a country by its code.</summary>
        /// <param name="code">The two-letter code.</param>
        /// <returns>The country, or null.</returns>
        public static Country Find(string code) =>
            code != null && ByCode.TryGetValue(code, out var country) ? country : null;

        /// <summary>Adds every country as a list item (text: name, value: code).</summary>
        /// <param name="items">The list to fill.</param>
        public static void AddCountries(ListItemCollection items)
        {
            foreach (var country in Countries) items.Add(new ListItem(country.Name, country.Code));
        }

        /// <summary>Adds the cities of a country as list items (text: name, value: id); nothing for an unknown code.</summary>
        /// <param name="code">The country's code.</param>
        /// <param name="items">The list to fill.</param>
        public static void AddCities(string code, ListItemCollection items)
        {
            var country = Find(code);
            if (country == null) return;
            foreach (var city in country.Cities) items.Add(new ListItem(city.Name, city.Id));
        }

        /// <summary>
        /// A level of <paramref name="size"/> distinct city names (1,000, 20,000 or 100,000), sorted, each with
        /// an id: the big levels of the find benchmark. Names are ASCII letters and spaces, so JSON needs no
        /// escaping for them; built once per size.
        /// </summary>
        public static BigLevel Level(int size)
        {
            lock (Levels)
            {
                if (Levels.TryGetValue(size, out var level)) return level;
                var random = new Generator(Seed + (uint)size);
                var names = new HashSet<string>(StringComparer.Ordinal);
                while (names.Count < size)
                {
                    string city = Capitalize(Word(random, 2 + random.Next(3)) + CitySuffixes[random.Next(CitySuffixes.Length)]);
                    if (random.Next(10) == 0) city = CityPrefixes[random.Next(CityPrefixes.Length)] + city;
                    names.Add(city);
                }
                var sorted = names.ToArray();
                Array.Sort(sorted, StringComparer.Ordinal);
                level = new BigLevel(sorted, sorted.Select((_, i) => "b" + i.ToString(CultureInfo.InvariantCulture)).ToArray());
                Levels[size] = level;
                return level;
            }
        }

        private static readonly Dictionary<int, BigLevel> Levels = new Dictionary<int, BigLevel>();

        private static string Word(Generator random, int syllables)
        {
            var text = string.Empty;
            for (int i = 0; i < syllables; i++) text += Syllables[random.Next(Syllables.Length)];
            return text;
        }

        private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word.Substring(1);

        private static string CodeFor(string name, HashSet<string> taken)
        {
            string letters = name.ToUpperInvariant();
            for (int i = 1; i < letters.Length; i++)
            {
                string code = letters[0].ToString() + letters[i];
                if (taken.Add(code)) return code;
            }
            for (char c = 'A'; c <= 'Z'; c++)
            {
                string code = letters[0].ToString() + c;
                if (taken.Add(code)) return code;
            }
            throw new InvalidOperationException("No free code for " + name);
        }

        /// <summary>xorshift32: tiny, and the same sequence on every runtime (System.Random makes no such promise).</summary>
        private sealed class Generator
        {
            private uint _state;

            public Generator(uint seed) => _state = seed;

            public int Next(int maxExclusive)
            {
                _state ^= _state << 13;
                _state ^= _state >> 17;
                _state ^= _state << 5;
                return (int)(_state % (uint)maxExclusive);
            }
        }
    }

    /// <summary>The names and ids of a big level, in name order.</summary>
    public sealed class BigLevel
    {
        /// <summary>Creates a level.</summary>
        public BigLevel(string[] names, string[] ids)
        {
            Names = names;
            Ids = ids;
        }

        /// <summary>Gets the names.</summary>
        public string[] Names { get; }

        /// <summary>Gets the ids, by the same index.</summary>
        public string[] Ids { get; }
    }

    /// <summary>A country and its cities, sorted by name.</summary>
    public sealed class Country
    {
        /// <summary>Creates a country.</summary>
        public Country(string code, string name, IReadOnlyList<City> cities)
        {
            Code = code;
            Name = name;
            Cities = cities;
        }

        /// <summary>Gets the two-letter code (the list value).</summary>
        public string Code { get; }

        /// <summary>Gets the name (the list text).</summary>
        public string Name { get; }

        /// <summary>Gets the cities, sorted by name.</summary>
        public IReadOnlyList<City> Cities { get; }
    }

    /// <summary>A city: its name and a seven-digit id.</summary>
    public sealed class City
    {
        /// <summary>Creates a city.</summary>
        public City(string name, string id)
        {
            Name = name;
            Id = id;
        }

        /// <summary>Gets the name (the list text).</summary>
        public string Name { get; }

        /// <summary>Gets the id (the list value).</summary>
        public string Id { get; }
    }

    /// <summary>One row of the page's grid.</summary>
    public sealed class Order
    {
        /// <summary>Gets or sets the order number.</summary>
        public int OrderId { get; set; }

        /// <summary>Gets or sets the order date.</summary>
        public DateTime OrderDate { get; set; }

        /// <summary>Gets or sets the customer's name.</summary>
        public string Customer { get; set; }

        /// <summary>Gets or sets the customer's e-mail address.</summary>
        public string Email { get; set; }

        /// <summary>Gets or sets the delivery city and country.</summary>
        public string ShipTo { get; set; }

        /// <summary>Gets or sets the product.</summary>
        public string Product { get; set; }

        /// <summary>Gets or sets the quantity.</summary>
        public int Quantity { get; set; }

        /// <summary>Gets or sets the unit price.</summary>
        public decimal UnitPrice { get; set; }

        /// <summary>Gets or sets the line total.</summary>
        public decimal Total { get; set; }

        /// <summary>Gets or sets the status.</summary>
        public string Status { get; set; }
    }
}
