package io.minicoin.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AmountTest {

  @Test
  void parsesCoinsAsAPersonTypesThem() {
    assertThat(Amount.parseCoins("10")).isEqualTo(Amount.coins(10));
    assertThat(Amount.parseCoins("0.5")).isEqualTo(Amount.units(50_000_000));
    assertThat(Amount.parseCoins("1.00000001")).isEqualTo(Amount.units(100_000_001));
    assertThat(Amount.parseCoins("0")).isEqualTo(Amount.ZERO);
    assertThat(Amount.parseCoins(".5")).isEqualTo(Amount.units(50_000_000));
    assertThat(Amount.parseCoins("5.")).isEqualTo(Amount.coins(5));
    assertThat(Amount.parseCoins("21000000")).isEqualTo(Amount.MAX_MONEY);
  }

  @Test
  void rejectsWhatIsNotAnAmount() {
    for (String bad :
        List.of("0.000000001", "-1", "abc", "", ".", "1..5", "1e3", " 1", "21000000.00000001")) {
      assertThatThrownBy(() -> Amount.parseCoins(bad))
          .as("'%s'", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> Amount.parseCoins("0.000000001"))
        .hasMessageContaining("more than 8 decimals");
  }

  @Test
  void printsWithoutTrailingZeros() {
    assertThat(Amount.coins(10)).hasToString("10");
    assertThat(Amount.coins(9)).hasToString("9");
    assertThat(Amount.units(50_000_000)).hasToString("0.5");
    assertThat(Amount.units(1)).hasToString("0.00000001");
    assertThat(Amount.ZERO).hasToString("0");
    assertThat(Amount.coins(100)).hasToString("100");
    assertThat(Amount.units(-150_000_000)).hasToString("-1.5");
  }

  @Test
  void printedFormParsesBack() {
    for (long units :
        new long[] {
          0, 1, 10, 99_999_999, 100_000_000, 123_456_789_012L, Amount.MAX_MONEY.units()
        }) {
      Amount a = Amount.units(units);
      assertThat(Amount.parseCoins(a.toString())).isEqualTo(a);
    }
  }

  @Test
  void arithmeticIsOverflowChecked() {
    assertThat(Amount.coins(1).plus(Amount.units(1))).isEqualTo(Amount.units(100_000_001));
    assertThat(Amount.coins(1).minus(Amount.coins(2))).isEqualTo(Amount.coins(-1));
    assertThatThrownBy(() -> Amount.units(Long.MAX_VALUE).plus(Amount.units(1)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Amount.units(Long.MIN_VALUE).minus(Amount.units(1)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Amount.coins(Long.MAX_VALUE / 10))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void validMoneyIsZeroToTwentyOneMillionCoins() {
    assertThat(Amount.ZERO.isValidMoney()).isTrue();
    assertThat(Amount.MAX_MONEY.isValidMoney()).isTrue();
    assertThat(Amount.MAX_MONEY.plus(Amount.units(1)).isValidMoney()).isFalse();
    assertThat(Amount.units(-1).isValidMoney()).isFalse();
  }
}
