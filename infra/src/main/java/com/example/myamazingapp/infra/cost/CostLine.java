package com.example.myamazingapp.infra.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One billable item of a report: how much of it a month, at which unit price; {@code usage} says the quantity comes
 * from the assumptions file rather than from the template alone.
 */
public record CostLine(String item, BigDecimal quantity, String unit, BigDecimal unitPrice, boolean usage) {

    /** The monthly figure in USD, to the cent. */
    public BigDecimal monthly() {
        return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
    }
}
