namespace Contrastive.Core.Tests;

public class ParallelismTests
{
    [Fact]
    public void A_part_that_throws_surfaces_its_own_exception_not_an_aggregate()
    {
        var error = Assert.Throws<InvalidDataException>(() => Parallelism.ForParts(100, 2, (part, start, end) =>
        {
            if (part == 1) throw new InvalidDataException($"part {part} covers [{start}, {end})");
        }));
        Assert.Equal("part 1 covers [50, 100)", error.Message);
    }

    [Fact]
    public void Every_index_is_visited_once_across_the_parts()
    {
        var visits = new int[1001];
        Parallelism.ForParts(visits.Length, 3, (_, start, end) =>
        {
            for (var i = start; i < end; i++) visits[i]++;
        });
        Assert.All(visits, v => Assert.Equal(1, v));
    }
}
