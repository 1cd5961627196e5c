using System;
using System.Collections.Generic;
using System.Linq;

namespace TestSite
{
    /// <summary>Data of the template and data-bound-row pages: countries, their cities, and saved rows.</summary>
    public static class RowsData
    {
        /// <summary>Country code to name; one name is hostile text.</summary>
        public static readonly IReadOnlyDictionary<string, string> Countries = new Dictionary<string, string>
        {
            { "fr", "France" },
            { "jp", "日本" },
            { "ch", "Schweiz" },
            { "xx", "<b>Hostile</b> \"'&" },
        };

        private static readonly Dictionary<string, string[]> Cities = new Dictionary<string, string[]>
        {
            { "fr", new[] { "Paris", "Lyon" } },
            { "jp", new[] { "東京", "大阪" } },
            { "ch", new[] { "Zürich", "Genève" } },
            // Values Mono's or .NET's request validation would refuse if they travelled as they are.
            { "xx", new[] { "<script>x</script>", "\uFF1Cscript\uFF1E", "<\tb", "&#60;" } },
        };

        /// <summary>The cities offered for a country; none for an unknown one.</summary>
        public static IEnumerable<string> CitiesOf(string country) =>
            country != null && Cities.TryGetValue(country, out var cities) ? cities : Enumerable.Empty<string>();

        /// <summary>One row of the GridView page: a person and where they live.</summary>
        public sealed class Person
        {
            public int Id { get; set; }
            public string Name { get; set; }
            public string Country { get; set; }
            public string City { get; set; }
        }

        private static readonly object Gate = new object();
        private static List<Person> _people = Fresh();

        private static List<Person> Fresh() => new List<Person>
        {
            new Person { Id = 1, Name = "Ada", Country = "fr", City = "Paris" },
            new Person { Id = 2, Name = "Kenji", Country = "jp", City = "東京" },
            new Person { Id = 3, Name = "Heidi", Country = "ch", City = "Zürich" },
        };

        /// <summary>A copy of the saved rows.</summary>
        public static List<Person> People()
        {
            lock (Gate) return _people.Select(p => new Person { Id = p.Id, Name = p.Name, Country = p.Country, City = p.City }).ToList();
        }

        /// <summary>Saves one row's place.</summary>
        public static void Save(int id, string country, string city)
        {
            lock (Gate)
            {
                var person = _people.First(p => p.Id == id);
                person.Country = country;
                person.City = city;
            }
        }

        /// <summary>Restores the original rows (each browser test starts from them).</summary>
        public static void Reset()
        {
            lock (Gate) _people = Fresh();
        }
    }
}
